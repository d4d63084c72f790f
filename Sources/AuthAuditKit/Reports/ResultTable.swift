/// The rows of a query, all in memory.
public struct ResultTable: Sendable, Equatable {
    /// The column names as SQLite reports them (`AS` aliases where given).
    public var columns: [String]
    public var rows: [[SQLiteValue]]

    public init(columns: [String], rows: [[SQLiteValue]] = []) {
        self.columns = columns
        self.rows = rows
    }
}

/// A receiver of query results, one row at a time, so large results can be written as they arrive.
///
/// The caller calls `begin` once, `append` per row, then `end` once.
public protocol ResultSink {
    mutating func begin(columns: [String])
    mutating func append(row: [SQLiteValue])
    mutating func end()
}

extension ResultTable: ResultSink {
    public mutating func begin(columns: [String]) {
        self.columns = columns
        rows = []
    }

    public mutating func append(row: [SQLiteValue]) {
        rows.append(row)
    }

    public mutating func end() {}

    /// Sends the whole table to a sink.
    public func write(to sink: inout some ResultSink) {
        sink.begin(columns: columns)
        for row in rows {
            sink.append(row: row)
        }
        sink.end()
    }
}
