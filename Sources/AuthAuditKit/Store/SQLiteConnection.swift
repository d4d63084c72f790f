internal import CSQLite
import Glibc

/// SQLite's "copy the bytes now" destructor constant, which Swift cannot import from the macro.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The owner of one `sqlite3` connection handle.
///
/// A connection is confined to the thread that uses it; it is not `Sendable`.
public final class SQLiteConnection {
    public enum OpenMode: Sendable {
        /// `SQLITE_OPEN_READONLY`: the `query` command and reports.
        case readOnly
        /// `SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE`; a new file is created with mode 0600.
        case readWriteCreate
    }

    let handle: OpaquePointer
    public let path: String

    /// Process-wide SQLite settings, applied before the first connection opens. Swift runs a
    /// static initializer once, thread-safely. SQLite rejects the call with SQLITE_MISUSE if it was
    /// already initialised elsewhere in the process, which leaves the default and is harmless.
    private static let configureOnce: Void = {
        _ = authaudit_sqlite3_disable_memory_statistics()
    }()

    /// Opens (`sqlite3_open_v2`) a database file, with extended result codes and a busy timeout.
    ///
    /// A file that does not exist yet is created empty with mode 0600 first, because audit data
    /// names people and SQLite would otherwise create it with the process umask.
    public init(path: String, mode: OpenMode, busyTimeoutMilliseconds: Int32 = 5000) throws(SQLiteError) {
        _ = Self.configureOnce
        self.path = path
        var flags: Int32 = SQLITE_OPEN_NOMUTEX
        switch mode {
        case .readOnly:
            flags |= SQLITE_OPEN_READONLY
        case .readWriteCreate:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            if path != ":memory:" {
                try Self.createPrivateFile(path)
            }
        }
        var pointer: OpaquePointer?
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard let pointer else {
            throw SQLiteError(code: code, message: "out of memory", path: path)
        }
        guard code == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(pointer))
            let extended = sqlite3_extended_errcode(pointer)
            // SQLite requires closing a handle even when opening failed.
            sqlite3_close_v2(pointer)
            throw SQLiteError(code: extended, message: message, path: path)
        }
        handle = pointer
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    private static func createPrivateFile(_ path: String) throws(SQLiteError) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "is a folder, not a database file", path: path)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
            return
        }
        let error = errno
        guard error == EEXIST else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: String(cString: strerror(error)), path: path)
        }
    }

    /// Runs one or more SQL statements that return no rows (`sqlite3_exec`).
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: text, sql: sql, path: path)
        }
    }

    /// Compiles one statement (`sqlite3_prepare_v3`). `persistent` hints that it will be reused many times.
    public func prepare(_ sql: String, persistent: Bool = false) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql, persistent: persistent)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Switches to WAL journaling with `synchronous = NORMAL`, and checks that SQLite accepted it.
    public func enableWriteAheadLog() throws(SQLiteError) {
        let statement = try prepare("PRAGMA journal_mode = WAL")
        let mode = try statement.step() ? statement.text(at: 0) : nil
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(
                code: SQLITE_ERROR, message: "could not enable WAL journal mode (got \(mode ?? "nothing"))",
                sql: "PRAGMA journal_mode = WAL", path: path)
        }
        try execute("PRAGMA synchronous = NORMAL")
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func lastError(sql: String?) -> SQLiteError {
        SQLiteError(
            code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql,
            path: path)
    }

    /// Runs a query and returns the first column of the first row as an integer, or nil.
    public func scalarInteger(_ sql: String) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        guard try statement.step(), !statement.isNull(at: 0) else { return nil }
        return statement.int64(at: 0)
    }
}
