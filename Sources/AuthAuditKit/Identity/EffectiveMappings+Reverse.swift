/// An aws-auth entry whose username template renders to a given username, with the captured values.
struct ProducingEntry: Equatable {
    var entry: MappingEntry
    var captures: TemplateCaptures
    /// The IAM ARN the entry maps, when it names exactly one (not a wildcard or SSO matcher).
    var arn: ARN?
}

/// The outcome of looking for the aws-auth entries that can produce a username.
struct ReverseMatch {
    var producers: [ProducingEntry] = []
    /// Entries whose template matches the username in more than one way.
    var ambiguousEntries: [MappingEntry] = []
    /// Entries whose template matches but whose role ARN has a path, so the authenticator never uses them.
    var unusableEntries: [MappingEntry] = []
}

extension EffectiveMappings {
    /// Finds every entry that can render `username`, keeping only entries consistent with a known account.
    func entries(producing username: String, accountID: String?) -> ReverseMatch {
        var result = ReverseMatch()
        for role in roles {
            let arn = role.roleARN.flatMap(ARN.init)
            if let arn, let accountID, arn.account != accountID { continue }
            if let accountID, role.roleARN == nil, role.ssoAccountID != accountID { continue }
            let entry = MappingEntry(kind: .role(role))
            let exactARN = role.roleARN.flatMap { Self.hasWildcards($0) ? nil : arn }
            consider(entry, template: role.username, username: username, arn: exactARN, into: &result)
        }
        for user in users {
            let arn = ARN(user.userARN)
            if let arn, let accountID, arn.account != accountID { continue }
            consider(
                MappingEntry(kind: .user(user)), template: user.username, username: username, arn: arn, into: &result)
        }
        if let arn = ARN(username), accounts.contains(arn.account), (try? arn.canonical()) == arn,
            accountID == nil || accountID == arn.account
        {
            result.producers.append(
                ProducingEntry(entry: MappingEntry(kind: .account(arn.account)), captures: TemplateCaptures(), arn: arn)
            )
        }
        return result
    }

    private func consider(
        _ entry: MappingEntry, template: String, username: String, arn: ARN?, into result: inout ReverseMatch
    ) {
        switch UsernameTemplate(template).match(username) {
        case .noMatch:
            return
        case .ambiguous:
            result.ambiguousEntries.append(entry)
        case .unique(let captures):
            if let arn, arn.rolePath != nil || arn.isAssumedRole || (try? arn.canonical()) == nil {
                result.unusableEntries.append(entry)
                return
            }
            result.producers.append(ProducingEntry(entry: entry, captures: captures, arn: arn))
        }
    }
}
