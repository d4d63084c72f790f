/// One dimension table of unique strings (`usernames`, `verbs`, …) with its cache and statements.
final class DimensionTable {
    private let insert: SQLiteStatement
    private let select: SQLiteStatement
    private var cache = DimensionCache()
    /// Ids keyed by the raw bytes of JSON strings with escapes, so that a repeated escaped value
    /// (authorization reasons quote the binding's name) is decoded once, not on every event.
    private var escapedCache = DimensionCache()

    /// `table` and `column` are fixed names from the schema, never user input.
    init(connection: SQLiteConnection, table: String, column: String) throws(SQLiteError) {
        insert = try connection.prepare(
            "INSERT INTO \(table) (\(column)) VALUES (?) ON CONFLICT DO NOTHING", persistent: true)
        select = try connection.prepare("SELECT id FROM \(table) WHERE \(column) = ?", persistent: true)
    }

    /// Returns the id of a UTF-8 string, inserting the string when it is new.
    func id(for bytes: UnsafeRawBufferPointer) throws(SQLiteError) -> Int64 {
        let hash = DimensionCache.hash(bytes)
        if let id = cache.id(for: bytes, hash: hash) {
            return id
        }
        insert.reset()
        insert.bindText(bytes, at: 1)
        try insert.run()
        select.reset()
        select.bindText(bytes, at: 1)
        let id = try select.requiredInteger()
        cache.insert(bytes, hash: hash, id: id)
        return id
    }

    /// Returns the id of the string that the raw, still escaped JSON string bytes `raw` decode to,
    /// inserting it when it is new. `decode` runs only when `raw` has not been seen before.
    func id(forEscaped raw: UnsafeRawBufferPointer, decode: () -> String) throws -> Int64 {
        let hash = DimensionCache.hash(raw)
        if let id = escapedCache.id(for: raw, hash: hash) {
            return id
        }
        let id = try id(for: decode())
        escapedCache.insert(raw, hash: hash, id: id)
        return id
    }

    func id(for string: String) throws -> Int64 {
        let bytes = Array(string.utf8)
        return try bytes.withUnsafeBytes { try id(for: $0) }
    }

    /// Forgets cached ids, for example after a rolled-back transaction.
    func clearCache() {
        cache.removeAll()
        escapedCache.removeAll()
    }
}
