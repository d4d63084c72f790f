/// Tracks the checkpoints of followed files between commits, so each commit writes only the rows that
/// changed.
struct TailCheckpoints {
    private var saved: [FileKey: (identity: FollowedFileIdentity, offset: Int64)] = [:]

    /// Returns the checkpoints to write with the lines of one poll: the end of the last line of each file
    /// (which covers files let go during the poll), overridden by the follower's committed offsets (which
    /// also cover skipped zero bytes and lines that were too long), minus those already saved.
    mutating func changes(lines: [FollowedLine], follower: LogFollower) -> [(FollowedFileIdentity, Int64, String)] {
        var latest: [FileKey: (identity: FollowedFileIdentity, offset: Int64, path: String)] = [:]
        for line in lines {
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
