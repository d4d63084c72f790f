/// Reads and writes the `checkpoints` table: how far `authaudit tail` read each followed file.
///
/// `save` does not open a transaction of its own. The caller writes it inside the batch that stores the
/// requests read up to the offset, so both are committed together or not at all.
///
/// NOTE: rows of deleted files are never removed. They are harmless, because a new file that reuses the
/// inode has other first bytes and is read from the start, but the table grows with every rotation.
public final class CheckpointTable {
    private let connection: SQLiteConnection
    private let upsert: SQLiteStatement

    public init(connection: SQLiteConnection) throws {
        self.connection = connection
        upsert = try connection.prepare(
            """
            INSERT INTO checkpoints (device, inode, head_length, head_hash, offset, path, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (device, inode) DO UPDATE SET
                head_length = excluded.head_length, head_hash = excluded.head_hash, offset = excluded.offset,
                path = excluded.path, updated_at = excluded.updated_at
            """, persistent: true)
    }

    /// Returns every stored checkpoint, in the form `LogFollower.restore(checkpoints:)` takes.
    public func load() throws -> [FollowedFileIdentity: Int64] {
        let statement = try connection.prepare(
            "SELECT device, inode, head_length, head_hash, offset FROM checkpoints")
        var checkpoints: [FollowedFileIdentity: Int64] = [:]
        while try statement.step() {
            let identity = FollowedFileIdentity(
                device: UInt64(bitPattern: statement.int64(at: 0)), inode: UInt64(bitPattern: statement.int64(at: 1)),
                headLength: Int(statement.int64(at: 2)), headHash: UInt64(bitPattern: statement.int64(at: 3)))
            checkpoints[identity] = statement.int64(at: 4)
        }
        return checkpoints
    }

    /// Stores the offset read in one file, replacing the file's earlier row (same device and inode).
    public func save(_ identity: FollowedFileIdentity, offset: Int64, path: String, at time: Timestamp) throws {
        upsert.reset()
        upsert.bind(Int64(bitPattern: identity.device), at: 1)
        upsert.bind(Int64(bitPattern: identity.inode), at: 2)
        upsert.bind(Int64(identity.headLength), at: 3)
        upsert.bind(Int64(bitPattern: identity.headHash), at: 4)
        upsert.bind(offset, at: 5)
        upsert.bind(path, at: 6)
        upsert.bind(time.microseconds, at: 7)
        try upsert.run()
    }
}
