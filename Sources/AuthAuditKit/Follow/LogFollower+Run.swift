import Glibc

extension LogFollower {
    /// Polls until `shouldStop` returns true, handing each non-empty set of lines to `body`, and sleeps
    /// `pollInterval` after each poll that left nothing unread.
    ///
    /// - Throws: what `body` throws. The follower's offsets then already include the lines passed to it, so
    ///   resuming without loss needs a new follower restored from the checkpoints the caller committed.
    public func run(until shouldStop: () -> Bool, _ body: ([FollowedLine]) throws -> Void) rethrows {
        while !shouldStop() {
            let lines = poll()
            if !lines.isEmpty {
                try body(lines)
            }
            if !hasUnreadBytes {
                Self.sleep(for: options.pollInterval)
            }
        }
    }

    private static func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || attoseconds > 0 else {
            return
        }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }
}
