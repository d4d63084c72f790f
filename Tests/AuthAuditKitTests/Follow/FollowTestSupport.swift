import Foundation
import Glibc

@testable import AuthAuditKit

/// A file kept open for writing as a logging process keeps it, so writes can continue after the file
/// is renamed or truncated by someone else.
final class LogWriter {
    let descriptor: Int32

    /// Opens (creating) `path` for writing; with `append` false the writer keeps its own offset, like a
    /// process that did not open with `O_APPEND`.
    init(path: String, append: Bool = true) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : 0)
        descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        if !append {
            lseek(descriptor, 0, SEEK_END)
        }
    }

    func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw POSIXError(.EIO)
        }
    }

    deinit {
        close(descriptor)
    }
}

enum FollowTestSupport {
    /// Appends `text` to `path`, creating the file.
    static func append(_ text: String, to path: String) throws {
        try LogWriter(path: path).write(text)
    }

    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Compresses `path` into `path.gz` with `/usr/bin/gzip` and removes `path`, as lumberjack does after
    /// rotation.
    static func compress(_ path: String) throws {
        _ = try InputTestSupport.run("/usr/bin/gzip", ["-n", path])
    }

    static func texts(_ lines: [FollowedLine]) -> [String] {
        lines.map { String(decoding: $0.lineBytes, as: UTF8.self) }
    }

    /// Polls until a poll returns no lines and leaves nothing unread.
    static func pollAll(_ follower: LogFollower) -> [FollowedLine] {
        var all: [FollowedLine] = []
        while true {
            let lines = follower.poll()
            all += lines
            if lines.isEmpty && !follower.hasUnreadBytes {
                return all
            }
        }
    }

    static func options(
        _ start: LogFollower.StartPosition = .beginning, grace: Duration = .seconds(3600),
        maximumBytesPerPoll: Int = 1 << 20
    ) -> LogFollower.Options {
        LogFollower.Options(
            startPosition: start, pollInterval: .zero, rotatedFileGracePeriod: grace,
            maximumBytesPerPoll: maximumBytesPerPoll)
    }
}
