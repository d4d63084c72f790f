/// Access entry data collected from any number of inputs.
///
/// The three EKS commands each print part of an entry, often into separate files. Merge the
/// inventory of every file, then call `joined()` once.
public struct AccessEntryInventory: Sendable, Equatable {
    struct Listed: Sendable, Equatable {
        var principalARN: String
        var source: String
        var line: Int?
    }

    struct Described: Sendable, Equatable {
        var entry: AccessEntry
        var source: String
        var line: Int?
    }

    struct PolicyList: Sendable, Equatable {
        var clusterName: String?
        var principalARN: String
        var grants: [AccessPolicyGrant]
        var source: String
        var line: Int?
    }

    var listed: [Listed] = []
    var described: [Described] = []
    var policyLists: [PolicyList] = []

    public init() {}

    public mutating func merge(_ other: AccessEntryInventory) {
        listed += other.listed
        described += other.described
        policyLists += other.policyLists
    }

    /// Combines the inputs into one entry per cluster and principal ARN, with its access policies.
    ///
    /// `list-access-entries` output names no cluster, so a listed ARN joins the described entry with
    /// the same ARN in any cluster. An entry that no `describe-access-entry` output covers has no
    /// type, username or groups, and one note per input file reports how many such entries it listed.
    public func joined() -> (entries: [AccessEntry], diagnostics: [Diagnostic]) {
        var entries: [AccessEntry] = []
        var origins: [(source: String, line: Int?)] = []
        var diagnostics: [Diagnostic] = []

        for item in described {
            if let index = entries.firstIndex(where: {
                $0.principalARN == item.entry.principalARN && $0.clusterName == item.entry.clusterName
            }) {
                entries[index] = item.entry
            } else {
                entries.append(item.entry)
                origins.append((item.source, item.line))
            }
        }
        for item in listed where !entries.contains(where: { $0.principalARN == item.principalARN }) {
            entries.append(AccessEntry(principalARN: item.principalARN))
            origins.append((item.source, item.line))
        }
        for list in policyLists {
            let index =
                Self.entryIndex(for: list, in: entries)
                ?? {
                    entries.append(AccessEntry(principalARN: list.principalARN, clusterName: list.clusterName))
                    origins.append((list.source, list.line))
                    return entries.count - 1
                }()
            if entries[index].clusterName == nil { entries[index].clusterName = list.clusterName }
            for grant in list.grants where !entries[index].policies.contains(grant) {
                entries[index].policies.append(grant)
            }
        }

        var undescribed: [String: (count: Int, line: Int?)] = [:]
        var sourceOrder: [String] = []
        for (entry, origin) in zip(entries, origins) where entry.type == nil {
            if undescribed[origin.source] == nil { sourceOrder.append(origin.source) }
            undescribed[origin.source, default: (0, origin.line)].count += 1
        }
        for source in sourceOrder {
            guard let (count, line) = undescribed[source] else { continue }
            diagnostics.append(
                Diagnostic(
                    severity: .note, source: source, line: line,
                    problem: .invalidDocument(
                        reason: "\(count) access \(count == 1 ? "entry" : "entries") from this file "
                            + "\(count == 1 ? "has" : "have") no describe-access-entry output, so the type, "
                            + "username and groups are unknown and the STANDARD defaults are assumed.")))
        }
        return (entries, diagnostics)
    }

    /// Finds the entry a policy list belongs to: same cluster and ARN, else same ARN in an unnamed cluster.
    private static func entryIndex(for list: PolicyList, in entries: [AccessEntry]) -> Int? {
        if let exact = entries.firstIndex(where: {
            $0.principalARN == list.principalARN && $0.clusterName == list.clusterName
        }) {
            return exact
        }
        return entries.firstIndex { $0.principalARN == list.principalARN && $0.clusterName == nil }
    }
}
