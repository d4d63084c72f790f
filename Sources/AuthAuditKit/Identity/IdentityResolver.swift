/// Resolves Kubernetes usernames to the IAM principal, session and person behind them.
///
/// Facts come, in order of trust, from the event's own `user.extra` and `uid`, from the authenticator log,
/// and last from reverse-matching the username against aws-auth templates. When a source allows several
/// identities or session names, the resolver lists them in the reason and picks none.
public struct IdentityResolver: Sendable {
    private let mappings: EffectiveMappingsBox
    private let index: AuthenticatorIndex

    /// - Parameter mappings: aws-auth sources in order; later entries win over earlier ones with the same ARN.
    public init(mappings: [AwsAuthMapping], index: AuthenticatorIndex = AuthenticatorIndex(records: [])) {
        self.mappings = EffectiveMappingsBox(EffectiveMappings(mappings))
        self.index = index
    }

    public func resolve(_ user: UserInfo) -> IdentityChain {
        var resolution = Resolution(user: user)
        let evidence = AWSEvidence(user)
        if !evidence.isPresent, let reason = KubernetesIdentity.reason(for: user) {
            return IdentityChain(username: user.username, status: .notApplicable, reason: reason)
        }
        resolution.collect(evidence)
        if resolution.canonicalARN == nil || resolution.sessionName == nil {
            resolution.collect(index.observations(username: user.username, uid: user.uid))
        }
        // The username alone is weaker than the log, so it is not used when the log already shows several identities.
        if resolution.canonicalARN == nil, resolution.ambiguity == nil {
            resolution.collect(mappings.value.entries(producing: user.username, accountID: resolution.accountID))
        }
        if let arn = resolution.canonicalARN, resolution.templateEntry == nil,
            let entry = mappings.value.entry(forCanonicalARN: arn)
        {
            resolution.addMapping(entry)
        }
        return resolution.finish(mappingsAreEmpty: mappings.value.isEmpty, indexIsEmpty: index.isEmpty)
    }
}

/// Lets the resolver stay `Sendable` while the merged mappings remain a plain internal struct.
private struct EffectiveMappingsBox: @unchecked Sendable {
    // Safe because the value is immutable after init and contains only value types.
    let value: EffectiveMappings

    init(_ value: EffectiveMappings) {
        self.value = value
    }
}
