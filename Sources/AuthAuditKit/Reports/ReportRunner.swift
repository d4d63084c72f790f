/// Runs reports on a connection, which should be opened read-only; each statement is also checked
/// with `sqlite3_stmt_readonly` before anything runs.
///
/// Not `Sendable`, because it uses its connection from the calling thread.
public struct ReportRunner {
    public let connection: SQLiteConnection

    /// The largest part of the store, in bytes, to memory-map. SQLite lowers it to its compile-time
    /// limit, 0x7fff0000 bytes in default builds.
    static let memoryMapBytes = 1 << 31

    /// Makes the connection read the store through a memory map. Reading the 89,782 rows of
    /// `forbidden-detail`, SQLite otherwise spent a fifth of the query's time in `pread` copying pages.
    /// Where SQLite cannot map the file it reads with `pread` as before, so the result is ignored.
    public init(connection: SQLiteConnection) {
        self.connection = connection
        try? connection.execute("PRAGMA mmap_size = \(Self.memoryMapBytes)")
    }

    /// Runs a report and returns the rows of its last statement.
    public func run(_ definition: ReportDefinition, bindings: ReportBindings) throws(SQLRunError) -> ResultTable {
        var table = ResultTable(columns: [])
        try run(definition, bindings: bindings, into: &table)
        return table
    }

    /// Runs a report, sending the rows of its last statement to `sink` as SQLite produces them.
    ///
    /// Every statement is compiled and checked before the first one runs. An error while stepping the last
    /// statement is thrown after the rows before it have reached the sink, and `sink.end()` is not called.
    public func run(_ definition: ReportDefinition, bindings: ReportBindings, into sink: inout some ResultSink)
        throws(SQLRunError)
    {
        try script(for: definition).run(on: connection, bindings: bindings, into: &sink)
    }

    /// Compiles every statement of a report without running it, checking that each is read-only and uses
    /// only declared parameters, so a catalog can be checked against a store's schema.
    public func check(_ definition: ReportDefinition) throws(SQLRunError) {
        let nulls = ReportBindings(Dictionary(uniqueKeysWithValues: definition.parameters.map { ($0.name, .null) }))
        _ = try script(for: definition).prepare(on: connection, bindings: nulls)
    }

    private func script(for definition: ReportDefinition) -> ReadOnlySQLScript {
        ReadOnlySQLScript(
            sql: definition.sql, source: .reportFile(path: definition.path), firstLine: definition.sqlFirstLine)
    }
}
