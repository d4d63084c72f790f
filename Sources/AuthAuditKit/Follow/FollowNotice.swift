/// Something a `LogFollower` did or met while polling, for the caller to log or count.
///
/// Problems with single files (one unreadable file, a damaged gzip backup) are notices rather than thrown
/// errors, so the other files keep being followed. A file that vanished is not a problem and gets no notice
/// beyond `released`.
public enum FollowNotice: Sendable, Equatable {
    /// The reason a file is no longer followed.
    public enum ReleaseReason: Sendable, Equatable {
        /// The file was deleted; its remaining bytes were read first.
        case deleted
        /// The file was renamed away from its live name and received no bytes for the grace period.
        case idleAfterRotation
        /// A gzip file was read to its end. Gzip files are never followed for growth.
        case endOfCompressedFile
        /// Reading failed; see the `unreadable` notice before this one.
        case unreadable
        /// A file followed as plain text turned out to be gzip, because it was empty or one byte long when
        /// it was found (a compressor had just created it) or was rewritten in place. Its plain bytes were
        /// not delivered, and a later poll reads it as a gzip file.
        case foundCompressed
    }

    /// Reading of a file began at `offset`.
    case started(path: String, identity: FollowedFileIdentity, offset: Int64)
    /// A followed file is no longer at `path`: it was renamed to `newPath`, or out of the followed paths
    /// (`newPath` is `nil`). It is still read until it is deleted or idle for the grace period.
    case rotated(path: String, newPath: String?, identity: FollowedFileIdentity)
    /// The file became shorter than the offset read so far (copytruncate) or its first bytes changed
    /// (rewritten in place), so it is read again from the start. Bytes between `previousOffset` and the
    /// truncation are lost unless a copy of them turns up among the followed files.
    case truncated(path: String, previousIdentity: FollowedFileIdentity, previousOffset: Int64)
    /// Zero bytes at the start of a line, such as the hole left when a writer kept its offset across a
    /// truncation, were passed over.
    case skippedZeroBytes(path: String, offset: Int64, count: Int64)
    /// A new file's content starts like a file already read (a gzip copy of a rotated backup, or the copy
    /// made by copytruncate), and everything in it was already read from `original`.
    case skippedCopy(path: String, identity: FollowedFileIdentity, original: FollowedFileIdentity)
    /// The file is no longer followed.
    case released(path: String, identity: FollowedFileIdentity, reason: ReleaseReason)
    /// A line longer than the maximum was skipped. The file's committed offset already moved past it.
    case lineTooLong(TooLongLine)
    /// `open(2)`, `opendir(3)`, `fstat(2)` or `pread(2)` failed with `errno` on a path.
    case unreadable(path: String, errno: Int32)
    /// A gzip file was damaged or cut, and the lines before the damage were delivered. `diagnostic` is the
    /// gzip reader's, with its severity.
    case gzipProblem(path: String, diagnostic: Diagnostic)
}
