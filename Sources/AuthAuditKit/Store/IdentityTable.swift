/// The `identities` table: one row per distinct `user` object, keyed by a hash of its raw JSON.
///
/// Audit lines repeat the same user object thousands of times, so a cache hit skips decoding it.
/// The cache is keyed by the 64-bit hash of the raw object alone, as the stored fingerprint is.
/// Keeping the bytes of every distinct object (a service account's carry its pod and token ids)
/// added megabytes to the peak memory of a large ingest.
final class IdentityTable {
    private let usernames: DimensionTable
    private let insert: SQLiteStatement
    private let select: SQLiteStatement
    private var cache = DimensionCache()

    init(connection: SQLiteConnection, usernames: DimensionTable) throws(SQLiteError) {
        self.usernames = usernames
        insert = try connection.prepare(
            """
            INSERT INTO identities (fingerprint, username_id, uid, groups, extra) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, persistent: true)
        select = try connection.prepare("SELECT id FROM identities WHERE fingerprint = ?", persistent: true)
    }

    /// Returns the identity id of a raw `user` object, or nil for the empty user of a failed authentication.
    func id(for object: UnsafeRawBufferPointer) throws -> Int64? {
        let cacheHash = DimensionCache.hash(object)
        if let id = cache.id(forHash: cacheHash) {
            return id
        }
        let user = try UserInfoDecoder.decode(object)
        guard !user.username.isEmpty else {
            return nil
        }
        let fingerprint = ByteHash.storable(ByteHash.hash(object))
        insert.reset()
        insert.bind(fingerprint, at: 1)
        insert.bind(try usernames.id(for: user.username), at: 2)
        insert.bind(user.uid, at: 3)
        insert.bind(JSONText.array(user.groups), at: 4)
        insert.bind(JSONText.object(user.extra), at: 5)
        try insert.run()
        select.reset()
        select.bind(fingerprint, at: 1)
        let id = try select.requiredInteger()
        cache.insert(hash: cacheHash, id: id)
        return id
    }

    func clearCache() {
        cache.removeAll()
    }
}
