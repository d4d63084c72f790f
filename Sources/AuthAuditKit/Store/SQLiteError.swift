/// A failed SQLite call: the result code, SQLite's message for it, and the statement involved.
///
/// Bound values are never part of the error, because audit records hold user names and addresses.
public struct SQLiteError: Error, Sendable, Equatable {
    /// The extended result code (`sqlite3_extended_errcode`).
    public var code: Int32
    public var message: String
    /// The SQL text of the failing statement, when there is one.
    public var sql: String?
    /// The database file path.
    public var path: String

    /// The primary result code (the low byte of the extended one), to match with `SQLITE_*` constants.
    public var primaryCode: Int32 { code & 0xFF }

    public init(code: Int32, message: String, sql: String? = nil, path: String) {
        self.code = code
        self.message = message
        self.sql = sql
        self.path = path
    }
}
