/// A mapping entry that aws-iam-authenticator keeps after decoding, with the line it is written on.
struct LintEntry: Equatable {
    enum Origin: Equatable {
        case configMap
        /// A DynamicFile document, the mapping format behind EKS access entries.
        case dynamicFile
        case identityMapping(name: String, arn: String)
    }

    enum Mapping: Equatable {
        case role(RoleMapping)
        case user(UserMapping)
    }

    var mapping: Mapping
    var origin: Origin
    var line: Int
    /// The 1-based position in its list, or 1 for an IAMIdentityMapping.
    var index: Int

    var username: String {
        switch mapping {
        case .role(let role): role.username
        case .user(let user): user.username
        }
    }

    var groups: [String] {
        switch mapping {
        case .role(let role): role.groups
        case .user(let user): user.groups
        }
    }

    /// `rolearn` or `userarn` as decoded, or nil for the `sso` matcher.
    var arnText: String? {
        switch mapping {
        case .role(let role): role.roleARN
        case .user(let user): user.userARN
        }
    }

    var userID: String? {
        switch mapping {
        case .role(let role): role.userID
        case .user(let user): user.userID
        }
    }

    var isRoleMapping: Bool {
        if case .role = mapping { return true }
        return false
    }

    /// Whether the identities this entry matches have sessions. An IAM user has none, so its `{{SessionName}}` is
    /// empty; a role ARN under `mapUsers` still matches role sessions.
    var matchesSessions: Bool {
        switch mapping {
        case .role: true
        case .user(let user): !(ARN(user.userARN)?.isIAMUser ?? false)
        }
    }

    /// The account of every identity this entry matches, when the entry names one.
    var accountID: String? {
        if case .role(let role) = mapping, role.roleARN == nil { return role.ssoAccountID }
        guard let text = arnText, !EffectiveMappings.hasWildcards(text), let arn = ARN(text) else { return nil }
        return arn.account
    }

    /// The key under which `EffectiveMappings` stores the entry: a later entry with the same key replaces this one.
    var replacementKey: String {
        switch mapping {
        case .role(let role):
            if let arn = role.roleARN { return "role " + arn.lowercased() }
            let name = role.ssoPermissionSetName?.lowercased() ?? ""
            return "role sso:\(role.ssoPartition ?? ""):\(role.ssoAccountID ?? ""):\(name)"
        case .user(let user):
            return "user " + user.userARN.lowercased()
        }
    }

    var reference: MappingEntryReference {
        let key: MappingEntryReference.Key
        switch (origin, mapping) {
        case (.identityMapping(let name, let arn), _):
            key = .identityMapping(name: name, arn: arn)
        case (_, .role(let role)):
            if let arn = role.roleARN {
                key = .roleARN(arn)
            } else {
                key = .ssoMatcher(
                    permissionSetName: role.ssoPermissionSetName ?? "", accountID: role.ssoAccountID ?? "")
            }
        case (_, .user(let user)):
            key = .userARN(user.userARN)
        }
        return MappingEntryReference(key: key, line: line, index: index)
    }
}

/// The findings of one lint run, all for the same source.
struct FindingCollector {
    let source: String
    private(set) var findings: [MappingFinding] = []

    init(source: String) {
        self.source = source
    }

    var isEmpty: Bool { findings.isEmpty }

    mutating func add(_ problem: MappingProblem, line: Int) {
        findings.append(MappingFinding(source: source, line: line, problem: problem))
    }

    mutating func add(_ problem: MappingProblem, at entry: LintEntry) {
        add(problem, line: entry.line)
    }
}
