/// An aws-auth entry that produced, or could produce, a username.
struct MappingEntry: Equatable {
    enum Kind: Equatable {
        case role(RoleMapping)
        case user(UserMapping)
        /// A `mapAccounts` account: the username is the canonical ARN itself.
        case account(String)
    }

    var kind: Kind

    var usernameTemplate: String {
        switch kind {
        case .role(let role): role.username
        case .user(let user): user.username
        case .account: "(canonical ARN)"
        }
    }

    var groups: [String] {
        switch kind {
        case .role(let role): role.groups
        case .user(let user): user.groups
        case .account: []
        }
    }

    /// The entry's name in reasons: its ARN, SSO matcher or account.
    var label: String {
        switch kind {
        case .role(let role):
            if let arn = role.roleARN { return "mapRoles \(arn)" }
            return "mapRoles sso \(role.ssoPermissionSetName ?? "?") in \(role.ssoAccountID ?? "?")"
        case .user(let user): return "mapUsers \(user.userARN)"
        case .account(let account): return "mapAccounts \(account)"
        }
    }
}

/// The aws-auth entries in effect after merging several mapping sources.
///
/// A later entry with the same ARN (compared ignoring case) replaces an earlier one, as in the authenticator's
/// ARN-keyed maps.
struct EffectiveMappings {
    private(set) var roles: [RoleMapping] = []
    private(set) var users: [UserMapping] = []
    private(set) var accounts: [String] = []

    init(_ mappings: [AwsAuthMapping]) {
        var roleIndex: [String: Int] = [:]
        var userIndex: [String: Int] = [:]
        for mapping in mappings {
            for role in mapping.roles {
                let key =
                    role.roleARN?.lowercased()
                    ?? "sso:\(role.ssoPartition ?? ""):\(role.ssoAccountID ?? ""):\(role.ssoPermissionSetName?.lowercased() ?? "")"
                if let existing = roleIndex[key] {
                    roles[existing] = role
                } else {
                    roleIndex[key] = roles.count
                    roles.append(role)
                }
            }
            for user in mapping.users {
                let key = user.userARN.lowercased()
                if let existing = userIndex[key] {
                    users[existing] = user
                } else {
                    userIndex[key] = users.count
                    users.append(user)
                }
            }
            for account in mapping.accounts where !accounts.contains(account) {
                accounts.append(account)
            }
        }
    }

    var isEmpty: Bool { roles.isEmpty && users.isEmpty && accounts.isEmpty }

    /// Finds the entry the authenticator would use for a canonical ARN: mapRoles (exact ARNs before
    /// patterns), then mapUsers, then mapAccounts (`doMapping` in `pkg/server/server.go`).
    func entry(forCanonicalARN arn: ARN) -> MappingEntry? {
        let text = arn.description
        let matching = roles.filter { Self.roleMatches($0, canonical: arn) }
        let exact = matching.first { role in role.roleARN.map { !Self.hasWildcards($0) } ?? false }
        if let role = exact ?? matching.first {
            return MappingEntry(kind: .role(role))
        }
        if let user = users.first(where: { ARN.textEqualIgnoringCase($0.userARN, text) }) {
            return MappingEntry(kind: .user(user))
        }
        if accounts.contains(arn.account) {
            return MappingEntry(kind: .account(arn.account))
        }
        return nil
    }

    /// Tests whether a role entry matches a canonical role ARN: equal ignoring case, an `ArnLike` wildcard
    /// pattern, or the `sso` matcher (`arn:aws:iam::<account>:role/AWSReservedSSO_<name>_*`, lower-cased).
    static func roleMatches(_ role: RoleMapping, canonical arn: ARN) -> Bool {
        if let pattern = role.roleARN {
            if hasWildcards(pattern) { return GlobPattern.matches(pattern.lowercased(), arn.description.lowercased()) }
            return ARN.textEqualIgnoringCase(pattern, arn.description)
        }
        guard let name = role.ssoPermissionSetName, let account = role.ssoAccountID else { return false }
        // NOTE: aws-iam-authenticator's SSOArnLike sets the partition only when it is empty (then "aws"). An entry
        // with an explicit partition therefore produces "arn::iam::…" and never matches, and this code does the same.
        let partition = (role.ssoPartition ?? "").isEmpty ? "aws" : ""
        let pattern = "arn:\(partition):iam::\(account):role/AWSReservedSSO_\(name)_*".lowercased()
        return GlobPattern.matches(pattern, arn.description.lowercased())
    }

    static func hasWildcards(_ text: String) -> Bool {
        text.contains("*") || text.contains("?")
    }
}

/// `*` (any run of characters) and `?` (one character) matching, as in IAM `ArnLike` conditions.
enum GlobPattern {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern.unicodeScalars)
        let text = Array(text.unicodeScalars)
        var patternIndex = 0
        var textIndex = 0
        var starPattern = -1
        var starText = 0
        while textIndex < text.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "?" || pattern[patternIndex] == text[textIndex] {
                patternIndex += 1
                textIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                starPattern = patternIndex
                starText = textIndex
                patternIndex += 1
            } else if starPattern >= 0 {
                patternIndex = starPattern + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
