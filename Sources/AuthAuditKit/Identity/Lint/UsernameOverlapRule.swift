/// Finds entries whose username templates can render the same username, so that a username in an audit log cannot
/// be traced back to one entry.
enum UsernameOverlapRule {
    /// Reports each entry once, against the first earlier entry it overlaps with. Pairs of node entries are
    /// skipped: every node group role uses `system:node:{{EC2PrivateDNSName}}`, and a node's name is unique.
    static func check(_ entries: [LintEntry], into collector: inout FindingCollector) {
        let languages = entries.map { entry in
            UsernameLanguage(
                template: UsernameTemplate(entry.username), accountID: entry.accountID,
                matchesSessions: entry.matchesSessions)
        }
        for later in entries.indices {
            guard let laterLanguage = languages[later] else { continue }
            for earlier in 0..<later {
                guard let earlierLanguage = languages[earlier] else { continue }
                if UsernameRules.isNodeEntry(entries[earlier]) && UsernameRules.isNodeEntry(entries[later]) { continue }
                guard let example = UsernameLanguage.commonUsername(earlierLanguage, laterLanguage) else { continue }
                let problem = MappingProblem.usernamesOverlap(
                    entries[later].reference, template: entries[later].username, other: entries[earlier].reference,
                    otherTemplate: entries[earlier].username, example: example)
                collector.add(problem, at: entries[later])
                break
            }
        }
    }
}
