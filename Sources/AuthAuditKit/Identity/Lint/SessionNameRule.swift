/// Finds `{{SessionName}}` templates for roles whose observed session names contain `@`.
///
/// `{{SessionName}}` replaces every `@` with `-` (`renderTemplate` in aws-iam-authenticator `pkg/server/server.go`),
/// so a session named after an e-mail address gets a username that RBAC written for the address never matches.
enum SessionNameRule {
    static func check(
        _ entries: [LintEntry], sessionNamesByRole: [String: Set<String>], into collector: inout FindingCollector
    ) {
        var namesByEntry: [Int: Set<String>] = [:]
        for (roleText, names) in sessionNamesByRole {
            let withAtSign = names.filter { $0.contains("@") }
            guard !withAtSign.isEmpty, let role = canonicalRole(roleText),
                let index = servingEntry(for: role, in: entries)
            else { continue }
            namesByEntry[index, default: []].formUnion(withAtSign)
        }
        for (index, names) in namesByEntry.sorted(by: { $0.key < $1.key }) {
            let entry = entries[index]
            guard UsernameTemplate(entry.username).placeholders.contains(.sessionName),
                let example = names.min()
            else { continue }
            let problem = MappingProblem.sessionNameWithAtSign(
                entry.reference, template: entry.username, sessionName: example, count: names.count)
            collector.add(problem, at: entry)
        }
    }

    /// Canonicalizes a role given as an IAM role ARN (with or without a path) or an STS assumed-role ARN.
    private static func canonicalRole(_ text: String) -> ARN? {
        guard let canonical = try? ARN.canonicalize(text), canonical.isIAMRole else { return nil }
        return canonical.strippingRolePath()
    }

    /// Finds the entry aws-iam-authenticator uses for a role, in the order of
    /// `EffectiveMappings.entry(forCanonicalARN:)`: `mapRoles` with the exact ARN, then patterns and `sso` matchers,
    /// then `mapUsers`.
    private static func servingEntry(for role: ARN, in entries: [LintEntry]) -> Int? {
        var pattern: Int?
        for (index, entry) in entries.enumerated() {
            guard case .role(let mapping) = entry.mapping, EffectiveMappings.roleMatches(mapping, canonical: role)
            else {
                continue
            }
            if let arn = mapping.roleARN, !EffectiveMappings.hasWildcards(arn) { return index }
            if pattern == nil { pattern = index }
        }
        if let pattern { return pattern }
        return entries.firstIndex { entry in
            guard case .user(let user) = entry.mapping else { return false }
            return ARN.textEqualIgnoringCase(user.userARN, role.description)
        }
    }
}
