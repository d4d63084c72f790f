/// The parts of a uid set by aws-iam-authenticator.
///
/// `aws-iam-authenticator:<account>:<principal id>` (v0.4.0 and later), `heptio-authenticator-aws:…` (v0.3.0 and
/// older, and EKS through 2021), or `aws-iam-authenticator:administrative:<username>` for accounts the
/// authenticator is configured to scrub from its output.
public struct AuthenticatorUID: Sendable, Equatable {
    public var accountID: String?
    public var principalID: String?
    /// Whether the account was scrubbed (`administrative`), so no account or principal id is given.
    public var isScrubbed: Bool

    public init?(_ uid: String?) {
        guard let uid else { return nil }
        let prefixes = ["aws-iam-authenticator:", "heptio-authenticator-aws:"]
        guard let prefix = prefixes.first(where: { uid.hasPrefix($0) }) else { return nil }
        let rest = uid.dropFirst(prefix.count)
        guard let separator = rest.firstIndex(of: ":") else { return nil }
        let first = String(rest[..<separator])
        let second = String(rest[rest.index(after: separator)...])
        if first == "administrative" {
            accountID = nil
            principalID = nil
            isScrubbed = true
        } else {
            accountID = first
            principalID = second.isEmpty ? nil : second
            isScrubbed = false
        }
    }
}
