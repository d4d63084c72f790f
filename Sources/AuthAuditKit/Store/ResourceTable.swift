/// The `resources` dimension: (API group, resource, subresource) triples.
final class ResourceTable {
    private let insert: SQLiteStatement
    private let select: SQLiteStatement
    private var cache = DimensionCache()
    /// Reused buffer for the cache key: group, NUL, resource, NUL, subresource (raw bytes).
    private var key: [UInt8] = []

    init(connection: SQLiteConnection) throws(SQLiteError) {
        insert = try connection.prepare(
            "INSERT INTO resources (api_group, resource, subresource) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            persistent: true)
        select = try connection.prepare(
            "SELECT id FROM resources WHERE api_group = ? AND resource = ? AND subresource = ?", persistent: true)
    }

    func id(for event: AuditEventView, resource: JSONStringRange) throws -> Int64 {
        // Raw JSON string contents hold no unescaped NUL, so NUL separates the parts unambiguously.
        key.removeAll(keepingCapacity: true)
        if let group = event.objectAPIGroup { key.append(contentsOf: event.bytes(group)) }
        key.append(0)
        key.append(contentsOf: event.bytes(resource))
        key.append(0)
        if let subresource = event.objectSubresource { key.append(contentsOf: event.bytes(subresource)) }
        let hash = key.withUnsafeBytes { DimensionCache.hash($0) }
        if let id = key.withUnsafeBytes({ cache.id(for: $0, hash: hash) }) {
            return id
        }
        let group = event.string(event.objectAPIGroup) ?? ""
        let name = event.string(resource)
        let subresource = event.string(event.objectSubresource) ?? ""
        insert.reset()
        insert.bind(group, at: 1)
        insert.bind(name, at: 2)
        insert.bind(subresource, at: 3)
        try insert.run()
        select.reset()
        select.bind(group, at: 1)
        select.bind(name, at: 2)
        select.bind(subresource, at: 3)
        let id = try select.requiredInteger()
        key.withUnsafeBytes { cache.insert($0, hash: hash, id: id) }
        return id
    }

    func clearCache() {
        cache.removeAll()
    }
}
