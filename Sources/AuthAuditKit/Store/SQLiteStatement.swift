internal import CSQLite

/// The owner of one prepared statement (`sqlite3_stmt`), finalized in `deinit`.
///
/// Parameters are 1-based, as in SQLite; columns are 0-based. Text and blobs are bound as
/// `SQLITE_TRANSIENT`, so SQLite copies them and no pointer outlives the call.
public final class SQLiteStatement {
    let handle: OpaquePointer
    private unowned let connection: SQLiteConnection
    public let sql: String

    init(connection: SQLiteConnection, sql: String, persistent: Bool) throws(SQLiteError) {
        self.connection = connection
        self.sql = sql
        var pointer: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, flags, &pointer, nil)
        guard code == SQLITE_OK else {
            throw connection.lastError(sql: sql)
        }
        guard let pointer else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "the SQL text contains no statement", sql: sql,
                path: connection.path)
        }
        handle = pointer
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: - Binding

    public func bind(_ value: Int64?, at index: Int32) {
        if let value {
            sqlite3_bind_int64(handle, index, value)
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    public func bind(_ value: Int?, at index: Int32) {
        bind(value.map { Int64($0) }, at: index)
    }

    public func bind(_ value: Double?, at index: Int32) {
        if let value {
            sqlite3_bind_double(handle, index, value)
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    public func bind(_ value: String?, at index: Int32) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        var copy = value
        copy.withUTF8 { buffer in
            _ = sqlite3_bind_text(handle, index, buffer.baseAddress, Int32(buffer.count), sqliteTransient)
        }
    }

    /// Binds UTF-8 bytes as TEXT without making a `String` first.
    public func bindText(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        let pointer = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafePointer(bitPattern: 1)
        sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), sqliteTransient)
    }

    public func bindBlob(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count),
            sqliteTransient)
    }

    public func bind(_ value: SQLiteValue, at index: Int32) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let number): bind(number, at: index)
        case .real(let number): bind(number, at: index)
        case .text(let text): bind(text, at: index)
        case .blob(let bytes): bytes.withUnsafeBytes { bindBlob($0, at: index) }
        }
    }

    /// Returns the 1-based index of a named parameter such as `:since`, or nil when the statement has none.
    public func parameterIndex(_ name: String) -> Int32? {
        let index = sqlite3_bind_parameter_index(handle, name)
        return index == 0 ? nil : index
    }

    public var parameterCount: Int32 { sqlite3_bind_parameter_count(handle) }

    /// Returns the name of a parameter with its prefix (`:since`), or nil for a `?` parameter.
    public func parameterName(at index: Int32) -> String? {
        sqlite3_bind_parameter_name(handle, index).map { String(cString: $0) }
    }

    // MARK: - Running

    /// Advances to the next row (`sqlite3_step`): true when a row is available, false when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.lastError(sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Resets the statement and clears its bindings, ready to bind and run again.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Steps until done, then resets (bindings are kept until the next `reset`).
    public func run() throws(SQLiteError) {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Steps once, returns column 0 of the row that must exist (such as the id of a row just inserted or
    /// found by its unique key), then resets. Traps when there is no row, because that is a bug.
    public func requiredInteger() throws(SQLiteError) -> Int64 {
        defer { sqlite3_reset(handle) }
        guard try step() else {
            preconditionFailure("the statement returned no row where one must exist: \(sql)")
        }
        return sqlite3_column_int64(handle, 0)
    }

    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    // MARK: - Columns

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func columnName(at index: Int32) -> String {
        sqlite3_column_name(handle, index).map { String(cString: $0) } ?? "column\(index + 1)"
    }

    public func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    public func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    public func text(at index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Returns a column's value with the type SQLite stored it as.
    public func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            return .text(text(at: index) ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let pointer = sqlite3_column_blob(handle, index), count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default:
            return .null
        }
    }
}
