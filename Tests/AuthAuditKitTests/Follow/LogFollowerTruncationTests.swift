import Foundation
import Glibc
import Testing

@testable import AuthAuditKit

@Suite struct LogFollowerTruncationTests {
    @Test func shrunkFileReadFromStart() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        try FollowTestSupport.append("a\nb\n", to: path)
        let follower = LogFollower(paths: [path], options: FollowTestSupport.options())
        #expect(FollowTestSupport.texts(follower.poll()) == ["a", "b"])

        #expect(truncate(path, 0) == 0)
        try FollowTestSupport.append("z\n", to: path)
        #expect(FollowTestSupport.texts(follower.poll()) == ["z"])
        let truncated = follower.takeNotices().contains {
            if case .truncated(path, _, 4) = $0 { return true }
            return false
        }
        #expect(truncated)
    }

    @Test func zeroHoleAfterTruncationSkipped() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        let writer = try LogWriter(path: path, append: false)
        try writer.write("a\nb\n")
        let follower = LogFollower(paths: [path], options: FollowTestSupport.options())
        #expect(FollowTestSupport.texts(follower.poll()) == ["a", "b"])
        _ = follower.takeNotices()

        // The writer keeps its offset 4, so its next line lands after a hole of four zero bytes.
        #expect(truncate(path, 0) == 0)
        try writer.write("c\n")
        let lines = follower.poll()
        #expect(FollowTestSupport.texts(lines) == ["c"])
        #expect(lines.first?.endOffset == 6)
        let notices = follower.takeNotices()
        #expect(notices.contains { if case .truncated(path, _, 4) = $0 { true } else { false } })
        #expect(notices.contains(.skippedZeroBytes(path: path, offset: 0, count: 4)))
    }

    @Test func copytruncateCopySuppliesUnreadTail() throws {
        let directory = try TemporaryDirectory()
        let live = directory.path("audit.log")
        try FollowTestSupport.append("a\nb\n", to: live)
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options())
        #expect(FollowTestSupport.texts(follower.poll()) == ["a", "b"])

        // "c" is written just before logrotate copies and truncates, so only the copy keeps it.
        try FollowTestSupport.append("c\n", to: live)
        try FileManager.default.copyItem(atPath: live, toPath: directory.path("audit.log.1"))
        #expect(truncate(live, 0) == 0)
        try FollowTestSupport.append("d\n", to: live)
        let lines = follower.poll()
        #expect(FollowTestSupport.texts(lines).sorted() == ["c", "d"])
        #expect(follower.poll().isEmpty)
    }
}
