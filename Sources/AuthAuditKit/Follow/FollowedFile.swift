/// The reading state of one file a `LogFollower` follows, keyed by device and inode.
///
/// The file stays open while it is followed, so a rename or a deletion does not stop its remaining bytes
/// from being read, and its inode cannot be reused meanwhile.
final class FollowedFile {
    enum Content {
        /// A plain file, read with `pread(2)` from `readOffset` and followed for growth.
        case plain(InputFileDescriptor)
        /// A gzip file, decompressed once from the start; never followed for growth.
        case compressed(DecompressedStream)
    }

    let key: FileKey
    let content: Content
    /// The path the file had when it was first found.
    let firstPath: String
    var path: String
    var identity: FollowedFileIdentity
    /// The content offset of the next byte to read.
    var readOffset: Int64
    /// The content offset just past the last line delivered or skipped: what a checkpoint stores.
    var committedOffset: Int64
    var splitter: FollowLineSplitter
    /// The 1-based number of the next line, counted while the file is read from offset 0; nil when reading
    /// started further in.
    var nextLineNumber: Int?
    /// The status at the last poll, to check the head again only when the file changed.
    var lastStatus: FileStatus?
    /// Set once the file is renamed away from its first path, is found only under a backup name, or is no
    /// longer under the followed paths. Such a file is released after the grace period without new bytes.
    var isRotated = false
    var lastActivity: ContinuousClock.Instant
    var isReleased = false
    /// Set for a gzip file read while it ended inside a member. Its unfinished last line is kept back
    /// at release, so that the line is read whole if the file is completed later.
    var endsAtCut = false

    init(
        key: FileKey, content: Content, path: String, identity: FollowedFileIdentity, offset: Int64,
        maximumLineLength: Int, now: ContinuousClock.Instant
    ) {
        self.key = key
        self.content = content
        firstPath = path
        self.path = path
        self.identity = identity
        readOffset = offset
        committedOffset = offset
        nextLineNumber = offset == 0 ? 1 : nil
        splitter = FollowLineSplitter(maximumLineLength: maximumLineLength)
        lastActivity = now
    }

    var isCompressed: Bool {
        if case .compressed = content {
            return true
        }
        return false
    }
}

/// Files read earlier, by identity and the offset read to, for recognising a copy of one (a gzip backup,
/// the copy made by copytruncate) and skipping what was already read.
///
/// NOTE: only the latest `capacity` entries are kept, so a copy of a file read long before is read again.
struct ReadHistory {
    static let capacity = 1024

    private(set) var entries: [(identity: FollowedFileIdentity, offset: Int64)] = []

    mutating func record(_ identity: FollowedFileIdentity, offset: Int64) {
        guard identity.headLength > 0 else {
            return
        }
        entries.removeAll { $0.identity == identity }
        entries.append((identity, offset))
        if entries.count > Self.capacity {
            entries.removeFirst(entries.count - Self.capacity)
        }
    }

    /// Returns the entry whose head `head` starts with, preferring the longest hashed head and then the
    /// furthest offset, among `candidates`, leaving out files with the device and inode `key` when it is given.
    ///
    /// NOTE: a short head (a file of one small line) matches any file that starts with the same bytes.
    static func bestMatch(
        for head: [UInt8], excluding key: FileKey?, in candidates: [(identity: FollowedFileIdentity, offset: Int64)]
    ) -> (identity: FollowedFileIdentity, offset: Int64)? {
        var best: (identity: FollowedFileIdentity, offset: Int64)?
        for candidate in candidates {
            let identity = candidate.identity
            guard identity.headLength > 0, identity.key != key, identity.matchesHead(head) else {
                continue
            }
            if let current = best,
                (current.identity.headLength, current.offset) >= (identity.headLength, candidate.offset)
            {
                continue
            }
            best = candidate
        }
        return best
    }
}
