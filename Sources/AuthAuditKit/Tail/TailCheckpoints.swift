/// Tracks the checkpoints of followed files between commits, so each commit writes only the rows that
/// changed.
struct TailCheckpoints {
    private var saved: [FileKey: (identity: FollowedFileIdentity, offset: Int64)] = [:]

    /// Returns the checkpoints to write with the lines of one poll, minus those already saved.
    ///
    /// Each file's checkpoint is the end of its last line read or `skipped` as too long, which covers files
    /// let go during the poll. The follower's committed offsets override it, because they also cover
    /// skipped zero bytes.
    mutating func changes(
        lines: [FollowedLine], skipped: [TooLongLine], follower: LogFollower
    ) -> [(FollowedFileIdentity, Int64, String)] {
        var latest: [FileKey: (identity: FollowedFileIdentity, offset: Int64, path: String)] = [:]
        for line in lines {
            latest[line.fileIdentity.key] = (line.fileIdentity, line.endOffset, line.path)
        }
        // A too-long line of a file let go during the poll may end after its last line read.
        for line in skipped where line.endOffset > latest[line.fileIdentity.key]?.offset ?? 0 {
            latest[line.fileIdentity.key] = (line.fileIdentity, line.endOffset, line.path)
        }
        var paths: [FileKey: String] = [:]
        for line in lines {
            paths[line.fileIdentity.key] = line.path
        }
        for (identity, offset) in follower.checkpoints {
            let path = paths[identity.key] ?? latest[identity.key]?.path ?? follower.path(of: identity.key) ?? ""
            latest[identity.key] = (identity, offset, path)
        }
        var changed: [(FollowedFileIdentity, Int64, String)] = []
        for (key, value) in latest {
            if let old = saved[key], old.identity == value.identity, old.offset == value.offset {
                continue
            }
            changed.append((value.identity, value.offset, value.path))
        }
        return changed
    }

    /// Records checkpoints as committed.
    mutating func markSaved(_ rows: [(FollowedFileIdentity, Int64, String)]) {
        for (identity, offset, _) in rows {
            saved[identity.key] = (identity, offset)
        }
    }
}
