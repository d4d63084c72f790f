extension LogFollower {
    /// The reading start in a file that is present at the first poll and has no checkpoint.
    ///
    /// Files that appear after the first poll (a new live file after rotation) are always read from the start.
    public enum StartPosition: Sendable, Equatable {
        case beginning
        /// After the last complete line, so a half-written last line is delivered once it ends.
        /// Gzip files present at the first poll are not read at all.
        case end
    }

    public struct Options: Sendable {
        public var startPosition: StartPosition
        /// The sleep of `run(until:_:)` after a poll that read everything there was.
        public var pollInterval: Duration
        /// How long a rotated file (renamed, or out of the followed paths) is still read after its last
        /// new bytes. lumberjack closes the old file as it renames it, but another writer may still hold it.
        /// It is also how long a gzip file that ends inside a member is waited for before it is read up to
        /// the cut.
        public var rotatedFileGracePeriod: Duration
        /// The longest accepted line in bytes, without its terminator; longer lines are skipped with a notice.
        public var maximumLineLength: Int
        /// The maximum number of content bytes one poll reads over all files, which bounds the lines it
        /// returns. When a poll stops at it, `hasUnreadBytes` is true and the next poll goes on.
        public var maximumBytesPerPoll: Int

        public init(
            startPosition: StartPosition = .end,
            pollInterval: Duration = .milliseconds(250),
            rotatedFileGracePeriod: Duration = .seconds(30),
            maximumLineLength: Int = LineBatchReader.defaultMaximumLineLength,
            maximumBytesPerPoll: Int = 16 * 1024 * 1024
        ) {
            precondition(maximumLineLength >= 0, "maximumLineLength must not be negative")
            precondition(maximumBytesPerPoll > 0, "maximumBytesPerPoll must be positive")
            self.startPosition = startPosition
            self.pollInterval = pollInterval
            self.rotatedFileGracePeriod = rotatedFileGracePeriod
            self.maximumLineLength = maximumLineLength
            self.maximumBytesPerPoll = maximumBytesPerPoll
        }
    }
}
