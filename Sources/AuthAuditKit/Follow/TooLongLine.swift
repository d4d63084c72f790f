/// A line of a followed file that was skipped because it is longer than `maximumLineLength`.
///
/// It has the position fields of `FollowedLine`, so a caller can name it in a diagnostic and move the
/// file's checkpoint past it.
public struct TooLongLine: Sendable, Equatable {
    public var fileIdentity: FollowedFileIdentity
    /// The file's path when the line was read.
    public var path: String
    /// The content offset of the line's first byte.
    public var startOffset: Int64
    /// The content offset just past the line's `\n`, or the end of the file for a last line without one.
    public var endOffset: Int64
    /// The 1-based line number, or nil when reading started at a non-zero offset.
    public var lineNumber: Int?
    /// The line's length in bytes, without its terminator.
    public var length: Int
    /// The `maximumLineLength` the line exceeded.
    public var maximum: Int

    public init(
        fileIdentity: FollowedFileIdentity, path: String, startOffset: Int64, endOffset: Int64, lineNumber: Int?,
        length: Int, maximum: Int
    ) {
        self.fileIdentity = fileIdentity
        self.path = path
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.lineNumber = lineNumber
        self.length = length
        self.maximum = maximum
    }
}
