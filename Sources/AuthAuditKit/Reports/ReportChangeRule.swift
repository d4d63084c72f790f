/// The matching rule that `report NAME --since-last-run` uses to compare a run with the previous
/// stored run, from the report header's `changes:` field.
///
/// ```sql
/// -- changes: key=binding,subject,role,rule,status added=became-unused removed=newly-used
/// ```
///
/// Rows are matched by the `key` columns. A row of this run without a match in the previous run is shown
/// with the `added` label, a previous row without a match in this run with the `removed` label. With
/// `changed=LABEL`, a matched row whose other columns differ is shown with that label; without it,
/// matched rows are left out.
public struct ReportChangeRule: Sendable, Equatable {
    public var keyColumns: [String]
    public var added: String
    public var removed: String
    public var changed: String?

    public init(keyColumns: [String], added: String, removed: String, changed: String? = nil) {
        self.keyColumns = keyColumns
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// The rule for a report whose header has no `changes:` field: every column is the key.
    public static let wholeRow = ReportChangeRule(keyColumns: [], added: "added", removed: "removed")

    /// Returns the part of `table` that a later comparison under this rule reads, to store as the run.
    ///
    /// Without a `changed` label, only the key columns are compared, so only they are kept. A report
    /// with one row per request then stores its key instead of every column: for `forbidden-detail`
    /// on the 5,000,000-line gen-audit store, 6.8 MB instead of 44 MB. Removed rows show NULL in the
    /// other columns. The table is returned whole when the rule has a `changed` label or names none
    /// of its columns, because then every column is compared.
    public func comparedPart(of table: ResultTable) -> ResultTable {
        let keyIndexes = table.columns.indices.filter { keyColumns.contains(table.columns[$0]) }
        guard changed == nil, !keyIndexes.isEmpty, keyIndexes.count < table.columns.count else { return table }
        return ResultTable(
            columns: keyIndexes.map { table.columns[$0] },
            rows: table.rows.map { row in keyIndexes.map { $0 < row.count ? row[$0] : .null } })
    }

    /// Parses the value of a `changes:` header field; nil when a part is missing or unknown.
    static func parse(_ text: String) -> ReportChangeRule? {
        var values: [String: String] = [:]
        for part in text.split(whereSeparator: \.isWhitespace) {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            let name = String(part[..<equals])
            let value = String(part[part.index(after: equals)...])
            guard ["key", "added", "removed", "changed"].contains(name), !value.isEmpty, values[name] == nil else {
                return nil
            }
            values[name] = value
        }
        guard let key = values["key"], let added = values["added"], let removed = values["removed"] else { return nil }
        let columns = key.split(separator: ",").map(String.init)
        return ReportChangeRule(keyColumns: columns, added: added, removed: removed, changed: values["changed"])
    }
}
