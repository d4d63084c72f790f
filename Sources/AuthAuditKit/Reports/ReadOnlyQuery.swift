/// Arbitrary SQL from the `query` command, run only when every statement is read-only.
///
/// `sqlite3_stmt_readonly` rejects writes, `VACUUM INTO` and `PRAGMA` statements (even reads like
/// `PRAGMA journal_mode`), and passes `ATTACH`.
// NOTE: `ATTACH` passes the check. On a connection opened read-only, SQLite opens the attached file
// read-only too and cannot create it, so it can read other databases but not write them.
public enum ReadOnlyQuery {
    /// Runs the statements of `sql` in order and returns the rows of the last one.
    ///
    /// Throws `SQLRunError` with source `.query` and reason `.notReadOnly` before running anything when any
    /// statement would write, and `.positionalParameter` or `.undeclaredParameter` when it uses a
    /// parameter, because the `query` command binds none.
    public static func run(_ sql: String, on connection: SQLiteConnection) throws(SQLRunError) -> ResultTable {
        var table = ResultTable(columns: [])
        try run(sql, on: connection, into: &table)
        return table
    }

    /// Runs the statements of `sql`, sending the rows of the last one to `sink` as SQLite produces them.
    public static func run(_ sql: String, on connection: SQLiteConnection, into sink: inout some ResultSink)
        throws(SQLRunError)
    {
        try ReadOnlySQLScript(sql: sql, source: .query).run(on: connection, bindings: nil, into: &sink)
    }
}
