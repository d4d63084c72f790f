/// The difference between a report run and the previous stored run of the same report and parameters.
public enum ReportChanges {
    /// The name of the column that `table(current:previous:rule:)` puts first.
    public static let changeColumn = "change"

    /// Returns the rows that differ, each led by a `change` column with the rule's label.
    ///
    /// Rows added since `previous` come first, in this run's order, then changed rows. Removed rows come
    /// last, in the previous run's order and with the values they had then.
    ///
    /// The result has this run's columns. A column of this run that the previous run lacked (the report
    /// file was edited in between) reads as NULL in removed rows. With no previous run, every row is added.
    public static func table(current: ResultTable, previous: ResultTable?, rule: ReportChangeRule) -> ResultTable {
        var result = ResultTable(columns: [changeColumn] + current.columns)
        let previousRows = previous.map { aligned($0, to: current.columns) } ?? []
        let keyIndexes = keyIndexes(rule, columns: current.columns)
        let key = { (row: [SQLiteValue]) in keyIndexes.map { row[$0] } }

        var previousByKey: [[SQLiteValue]: [SQLiteValue]] = [:]
        for row in previousRows where previousByKey[key(row)] == nil {
            previousByKey[key(row)] = row
        }
        var currentKeys: Set<[SQLiteValue]> = []
        var changed: [[SQLiteValue]] = []
        for row in current.rows {
            let rowKey = key(row)
            currentKeys.insert(rowKey)
            guard let earlier = previousByKey[rowKey] else {
                result.rows.append([.text(rule.added)] + row)
                continue
            }
            if let label = rule.changed, earlier != row {
                changed.append([.text(label)] + row)
            }
        }
        result.rows += changed
        var removedKeys: Set<[SQLiteValue]> = []
        for row in previousRows where !currentKeys.contains(key(row)) && removedKeys.insert(key(row)).inserted {
            result.rows.append([.text(rule.removed)] + row)
        }
        return result
    }

    /// Returns the positions of the rule's key columns, or of all columns when none of them exist.
    private static func keyIndexes(_ rule: ReportChangeRule, columns: [String]) -> [Int] {
        let indexes = rule.keyColumns.compactMap { columns.firstIndex(of: $0) }
        return indexes.isEmpty ? Array(columns.indices) : indexes
    }

    /// Returns the rows of `table` with their values moved to the positions of `columns`, NULL where missing.
    private static func aligned(_ table: ResultTable, to columns: [String]) -> [[SQLiteValue]] {
        let positions = columns.map { table.columns.firstIndex(of: $0) }
        return table.rows.map { row in
            positions.map { position in position.map { $0 < row.count ? row[$0] : .null } ?? .null }
        }
    }
}
