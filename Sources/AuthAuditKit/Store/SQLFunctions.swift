internal import CSQLite

/// SQL functions that authaudit adds to its connections, for report files and `query`.
///
/// - `iso_time(microseconds)`: `2024-05-01T08:00:25.013657Z`, NULL for NULL.
/// - `audit_id_text(blob)`: the text form of a stored audit ID (UUIDs are stored as 16 bytes).
///
/// They exist only on connections that authaudit opens; in another SQLite shell use
/// `strftime('%Y-%m-%dT%H:%M:%fZ', received_at / 1e6, 'unixepoch')` and `hex(audit_id)`.
public enum SQLFunctions {
    public static func register(on connection: SQLiteConnection) {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        sqlite3_create_function_v2(connection.handle, "iso_time", 1, flags, nil, isoTime, nil, nil, nil)
        sqlite3_create_function_v2(connection.handle, "audit_id_text", 1, flags, nil, auditIDText, nil, nil, nil)
    }
}

private func isoTime(
    _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL else {
        sqlite3_result_null(context)
        return
    }
    let text = TimestampFormatter.format(Timestamp(microseconds: sqlite3_value_int64(argument)))
    sqlite3_result_text(context, text, -1, sqliteTransient)
}

private func auditIDText(
    _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL else {
        sqlite3_result_null(context)
        return
    }
    let length = Int(sqlite3_value_bytes(argument))
    var bytes: [UInt8] = []
    if let pointer = sqlite3_value_blob(argument), length > 0 {
        bytes = Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }
    let text = AuditIDEncoding.decode(bytes)
    sqlite3_result_text(context, text, -1, sqliteTransient)
}
