/// Follows log files and folders by polling, and returns the complete lines added since the last poll.
///
/// Each poll lists the files under the followed paths (see `FollowedPathScanner`), reads every followed
/// file from its offset, then starts following the files not seen before, in rotation order. Rules:
/// - A file is followed by device and inode while it stays open, so a renamed file is read to its end.
///   A file renamed away from its live name (lumberjack's `audit.log` → `audit-<time>.log`) or out of the
///   followed paths is still read until it is deleted or gets no new bytes for `rotatedFileGracePeriod`.
/// - A file that becomes shorter than its offset, or whose first bytes change, is read again from the
///   start (copytruncate). Zero bytes at the start of a line, the hole left by a writer that kept its
///   offset, are passed over.
/// - A deleted file is read to its end and let go; an unfinished last line is delivered as it is.
/// - A new file whose content starts like a file already read is read only past the offset read from
///   that file. This skips a rotated backup compressed afterwards (`audit-<time>.log.gz`) and the copy
///   made by copytruncate, and picks up lines that reached only the copy.
/// - Gzip files are decompressed once from the start and not followed for growth. A gzip file that ends
///   inside a member is taken as still being written and tried again when its size or time changes. Once
///   it stays the same for `rotatedFileGracePeriod`, it is read up to the cut, with a `gzipProblem`. A
///   file first seen empty and then filled with gzip bytes, as a compressor writes its output, is read as
///   gzip from then on: no line of it is delivered as text.
///
/// Not `Sendable`: one thread owns the follower, its open files and its offsets.
///
/// NOTE: changes are found by polling only; inotify is not used.
public final class LogFollower {
    public let paths: [String]
    public let options: Options
    /// Set when the last poll stopped at `maximumBytesPerPoll` with bytes left to read.
    public private(set) var hasUnreadBytes = false

    let scanner: FollowedPathScanner
    /// The followed files, in the order they were first followed, which reads older files first.
    var files: [FollowedFile] = []
    var followedKeys: Set<FileKey> = []
    /// Files let go while still under the followed paths, so a later poll does not take them for new files.
    var released: [FileKey: ReleasedFile] = [:]
    /// Gzip files found truncated, with their status then.
    var incompleteCompressed: [FileKey: IncompleteCompressedFile] = [:]
    var history = ReadHistory()
    var savedCheckpoints: [FileKey: [(identity: FollowedFileIdentity, offset: Int64)]] = [:]
    /// The files present at the first poll, to which `startPosition` applies; `nil` before the first poll.
    var initialKeys: Set<FileKey>?
    /// Paths already reported unreadable, so a lasting problem is reported once.
    var reportedUnreadable: Set<String> = []
    var notices: [FollowNotice] = []
    let readBuffer: UnsafeMutableRawBufferPointer
    let clock = ContinuousClock()

    public init(paths: [String], options: Options = Options()) {
        self.paths = paths
        self.options = options
        scanner = FollowedPathScanner(paths: paths)
        readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Stores offsets saved from earlier `FollowedLine`s, so files not yet followed resume right after
    /// the line each offset ends.
    ///
    /// A file is resumed when its device and inode match a checkpoint and its first bytes match the
    /// checkpoint's head. With several such checkpoints the furthest offset wins. A file with a matching
    /// device and inode but other first bytes was rewritten and is read from the start. A checkpoint also
    /// counts as a file read to its offset, so a copy of it (say, compressed while the follower was stopped)
    /// is read from there.
    public func restore(checkpoints: [FollowedFileIdentity: Int64]) {
        for (identity, offset) in checkpoints {
            savedCheckpoints[identity.key, default: []].append((identity, offset))
        }
    }

    /// The identity and committed offset of each file followed now: what a caller that stored every
    /// returned line would hold as checkpoints.
    public var checkpoints: [FollowedFileIdentity: Int64] {
        var result: [FollowedFileIdentity: Int64] = [:]
        for file in files {
            result[file.identity] = file.committedOffset
        }
        return result
    }

    /// Removes and returns the notices gathered since the last call.
    public func takeNotices() -> [FollowNotice] {
        defer { notices.removeAll() }
        return notices
    }

    /// Runs one pass over the followed paths without waiting, and returns the new complete lines.
    ///
    /// Lines of one file come in file order, and files come oldest first. At most `maximumBytesPerPoll`
    /// content bytes are read, and `hasUnreadBytes` is true when more are waiting.
    public func poll() -> [FollowedLine] {
        var output = PollOutput(budget: Int64(options.maximumBytesPerPoll))
        let (discovered, problems) = scanner.scan()
        for case .unreadable(let path, let code) in problems {
            reportUnreadable(path: path, errno: code)
        }
        let discoveredByKey = Dictionary(
            discovered.map { ($0.status.key, $0) }, uniquingKeysWith: { first, _ in first })
        if initialKeys == nil {
            initialKeys = Set(discoveredByKey.keys)
        }

        for file in files {
            updateLocation(of: file, discoveredByKey[file.key])
            advance(file, &output)
            if output.isBudgetExhausted {
                break
            }
        }
        files.removeAll { $0.isReleased }

        if !output.isBudgetExhausted {
            for found in discovered where !followedKeys.contains(found.status.key) {
                startFollowing(found, &output)
                if output.isBudgetExhausted {
                    break
                }
            }
        }

        released = released.filter { discoveredByKey[$0.key] != nil }
        incompleteCompressed = incompleteCompressed.filter { discoveredByKey[$0.key] != nil }
        hasUnreadBytes = output.isBudgetExhausted
        return output.lines
    }

    func reportUnreadable(path: String, errno code: Int32) {
        if reportedUnreadable.insert(path).inserted {
            notices.append(.unreadable(path: path, errno: code))
        }
    }
}

/// A file let go while still under the followed paths.
struct ReleasedFile {
    var identity: FollowedFileIdentity
    var offset: Int64
    /// The status when it was let go; while it stays the same the file is not opened again.
    var status: FileStatus?
}

/// A gzip file that ended inside a member when it was last looked at.
struct IncompleteCompressedFile {
    var status: FileStatus
    /// When it was first seen with `status`.
    var since: ContinuousClock.Instant
}

/// The lines of one poll and the bytes it may still read.
struct PollOutput {
    var lines: [FollowedLine] = []
    var budget: Int64

    var isBudgetExhausted: Bool {
        budget <= 0
    }
}

@available(*, unavailable, message: "One thread owns the follower's open files and offsets.")
extension LogFollower: Sendable {}
