/// One complete line read from a followed file.
///
/// Store `endOffset` under `fileIdentity` together with whatever the line produced; handing those
/// checkpoints to `LogFollower.restore(checkpoints:)` after a restart resumes right after this line.
public struct FollowedLine: Sendable, Equatable {
    public var fileIdentity: FollowedFileIdentity
    /// The file's path when the line was read; after a rename it is the new name.
    public var path: String
    /// The line without its `\n`, and without a `\r` right before the `\n`.
    public var lineBytes: [UInt8]
    /// The content offset just past the line's `\n`. For a gzip file it counts decompressed bytes.
    /// A last line delivered without a newline (see `FollowNotice.ReleaseReason`) ends at the end of the file.
    public var endOffset: Int64
    /// The content offset of the line's first byte, after any zero bytes passed over before it.
    public var startOffset: Int64
    /// The 1-based line number in the file's content, or nil when reading started at a non-zero offset (a
    /// checkpoint, `--from-end`, or the part of a copy not read from the original) and the lines before it
    /// were not counted.
    public var lineNumber: Int?

    public init(
        fileIdentity: FollowedFileIdentity, path: String, lineBytes: [UInt8], endOffset: Int64,
        startOffset: Int64 = 0, lineNumber: Int? = nil
    ) {
        self.fileIdentity = fileIdentity
        self.path = path
        self.lineBytes = lineBytes
        self.endOffset = endOffset
        self.startOffset = startOffset
        self.lineNumber = lineNumber
    }
}
