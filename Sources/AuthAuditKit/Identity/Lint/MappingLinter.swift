/// Checks an aws-auth ConfigMap, IAMIdentityMapping set or DynamicFile for entries that never match, entries that
/// replace each other, usernames that cannot be traced back to one IAM identity, and groups that grant nothing.
///
/// The engine of `authaudit lint-mapping FILE`. It reads the bytes with the semantics of `AwsAuthParser`, so every
/// entry the lint looks at is one the authenticator keeps.
public enum MappingLinter {
    /// Returns the findings ordered by line; findings on one line keep the order in which they were found.
    public static func lint(_ bytes: [UInt8], source: String, context: LintContext) -> [MappingFinding] {
        var walker = MappingDocumentWalker(source: source)
        walker.read(bytes)
        let entries = walker.entries
        var collector = walker.collector

        var neverMatching: Set<Int> = []
        for (index, entry) in entries.enumerated() {
            guard let problem = ARNRule.problem(for: entry) else { continue }
            collector.add(problem, at: entry)
            if problem.severity == .error { neverMatching.insert(index) }
        }

        // Replaced entries and entries that never match have no effect, and fixing their ARN comes first, so the
        // rules below look only at the entries in use.
        let replaced = DuplicateEntryRule.check(entries, into: &collector)
        let inUse = entries.indices.filter { !replaced.contains($0) && !neverMatching.contains($0) }
        let usable = inUse.map { entries[$0] }
        for entry in usable {
            UsernameRules.check(entry, into: &collector)
            if let boundGroups = context.boundGroups {
                GroupBindingRule.check(entry, boundGroups: boundGroups, into: &collector)
            }
        }
        UsernameOverlapRule.check(usable, into: &collector)
        SessionNameRule.check(usable, sessionNamesByRole: context.sessionNamesByRole, into: &collector)

        return collector.findings.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
    }

    public static func lint(_ text: String, source: String, context: LintContext) -> [MappingFinding] {
        lint(Array(text.utf8), source: source, context: context)
    }
}
