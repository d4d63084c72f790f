/// Resolves the user of each printed request to the IAM principal and person behind it, with the mappings,
/// authenticator lines, CloudTrail records, directory exports and SSO assignments in the store.
///
/// It uses the parts `IdentityResolution` uses for the whole store (`MappingHistory`, `AuthenticatorIndex`,
/// `ChainEnrichment`), loaded once and again on `reload`, so a printed line names the same person that the
/// reports name.
///
/// NOTE: authenticator lines and aws-auth updates read while tailing reach the resolver only at the next
/// `reload` (SIGHUP), so until then a user resolved through them alone prints as partially resolved.
final class TailIdentityLookup {
    private var history = MappingHistory(versions: [])
    private var index = AuthenticatorIndex(records: [])
    private var enrichment = ChainEnrichment(roleSessions: nil, directory: nil, assignments: nil)
    private var resolvers: [[AwsAuthMapping]: IdentityResolver] = [:]
    /// Chains by the `user` object's bytes; used only while the mappings do not depend on the time.
    private var cache: [[UInt8]: IdentityChain] = [:]
    private static let maximumCachedUsers = 10_000

    init(store: AuditStore) throws {
        try reload(store: store)
    }

    /// Loads the mappings and reference documents from the store again, and forgets cached chains.
    func reload(store: AuditStore) throws {
        let references = try ReferenceDocuments.load(from: store)
        history = MappingHistory(
            versions: try IdentityResolution.loadMappingVersions(store.connection) + references.accessEntryVersions)
        index = AuthenticatorIndex(records: try IdentityResolution.loadAuthenticatorRecords(store.connection))
        let assumptions = try store.roleAssumptions()
        enrichment = ChainEnrichment(
            roleSessions: assumptions.isEmpty ? nil : RoleSessionResolver(assumptions: assumptions),
            directory: references.directory, assignments: references.assignments)
        resolvers = [:]
        cache = [:]
    }

    /// Returns the identity chain of `user`, whose JSON object is `userBytes`, for a request at `time`.
    func resolve(_ user: UserInfo, userBytes: [UInt8], at time: Timestamp?) -> (chain: IdentityChain, groups: [String])
    {
        let isCacheable = !history.isTimeDependent
        if isCacheable, let chain = cache[userBytes] {
            return (chain, Self.directoryGroups(chain))
        }
        let mappings = history.mappings(at: time)
        let resolver = resolvers[mappings] ?? IdentityResolver(mappings: mappings, index: index)
        resolvers[mappings] = resolver
        var chain = resolver.resolve(user)
        _ = enrichment.enrich(&chain, firstSeen: time)
        if isCacheable {
            if cache.count >= Self.maximumCachedUsers {
                cache.removeAll(keepingCapacity: true)
            }
            cache[userBytes] = chain
        }
        return (chain, Self.directoryGroups(chain))
    }

    private static func directoryGroups(_ chain: IdentityChain) -> [String] {
        chain.links.filter { $0.kind == .directoryGroup }.map(\.value)
    }
}
