extension Schema {
    /// Where `authaudit tail` stopped reading each followed file.
    ///
    /// One row per file, keyed by device and inode. `head_length` and `head_hash` fingerprint the file's
    /// first content bytes (see `FollowedFileIdentity`), so a file rewritten in place, or a new file that
    /// reuses the inode, is not resumed at another file's offset. Each row is written in the same
    /// transaction as the requests read from the file up to `offset`.
    static let checkpoints = """
        CREATE TABLE checkpoints (
            device INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            head_length INTEGER NOT NULL,
            head_hash INTEGER NOT NULL,
            offset INTEGER NOT NULL,   -- content bytes read, just past the last complete line
            path TEXT NOT NULL,        -- the file's path when the row was written, for people reading it
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (device, inode)
        );
        """
}
