/// Checks on one entry's username template: that it distinguishes sessions, and that it avoids reserved prefixes.
enum UsernameRules {
    /// Placeholders whose value differs from one session of a role to the next. `{{AccountID}}` does not.
    static let sessionPlaceholders: Set<TemplatePlaceholder> = [
        .sessionName, .sessionNameRaw, .accessKeyID, .ec2PrivateDNSName,
    ]

    /// Username prefixes that EKS access entries reject (EKS user guide, "Create access entries"), and that
    /// Kubernetes and EKS use for their own identities.
    static let reservedPrefixes = ["system:", "eks:", "aws:", "amazon:", "iam:"]

    static func check(_ entry: LintEntry, into collector: inout FindingCollector) {
        let template = UsernameTemplate(entry.username)
        if entry.matchesSessions, template.placeholders.isDisjoint(with: sessionPlaceholders) {
            let problem = MappingProblem.usernameWithoutSession(
                entry.reference, template: entry.username, suggestion: suggestion(for: entry))
            collector.add(problem, at: entry)
        }
        if !isNodeEntry(entry), let prefix = reservedPrefixes.first(where: { entry.username.hasPrefix($0) }) {
            collector.add(
                .reservedUsernamePrefix(entry.reference, username: entry.username, prefix: prefix), at: entry)
        }
    }

    /// Returns whether the entry is the usual one for nodes: `system:node:` followed by one placeholder that names
    /// the node, `{{EC2PrivateDNSName}}` for EC2 nodes or `{{SessionName}}` for Fargate and hybrid nodes.
    static func isNodeEntry(_ entry: LintEntry) -> Bool {
        let prefix = "system:node:"
        guard entry.isRoleMapping, entry.username.hasPrefix(prefix) else { return false }
        let rest = UsernameTemplate(String(entry.username.dropFirst(prefix.count)))
        let nodeNames: [UsernameTemplate.Segment] = [
            .placeholder(.ec2PrivateDNSName), .placeholder(.sessionName), .placeholder(.sessionNameRaw),
        ]
        return rest.segments.count == 1 && nodeNames.contains(rest.segments[0])
    }

    /// Returns the template with `{{SessionNameRaw}}` appended, or the role name and `{{SessionNameRaw}}` when the
    /// template is empty.
    private static func suggestion(for entry: LintEntry) -> String {
        if !entry.username.isEmpty { return entry.username + ":{{SessionNameRaw}}" }
        let name = entry.arnText.flatMap(ARN.init)?.roleName ?? "role"
        return name + ":{{SessionNameRaw}}"
    }
}
