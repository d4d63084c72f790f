/// Finds entries that a later entry for the same ARN replaces.
///
/// aws-iam-authenticator stores entries in maps keyed by the lower-cased ARN (`saveMap` in
/// `pkg/mapper/configmap/configmap.go`), so the last entry for an ARN wins. `EffectiveMappings` applies the same
/// rule, with `sso` matchers keyed by partition, account and permission set.
enum DuplicateEntryRule {
    /// Adds a finding for every replaced entry and returns the indices of those entries.
    ///
    /// NOTE: upstream keys `mapUsers` by `userarn` as written (`UserMapping.Key`) and then matches ignoring case.
    /// For two user entries that differ only in case, the authenticator's choice is therefore not defined. This rule
    /// reports the earlier one as replaced, as `EffectiveMappings` does.
    static func check(_ entries: [LintEntry], into collector: inout FindingCollector) -> Set<Int> {
        var lastIndex: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            lastIndex[entry.replacementKey] = index
        }
        var replaced: Set<Int> = []
        for (index, entry) in entries.enumerated() {
            guard let winner = lastIndex[entry.replacementKey], winner != index else { continue }
            replaced.insert(index)
            collector.add(.duplicateEntry(entry.reference, winnerLine: entries[winner].line), at: entry)
        }
        return replaced
    }
}
