import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct LogFollowerAppendTests {
    @Test func appendsReadAsTheyArrive() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        try FollowTestSupport.append("a\n", to: path)
        let follower = LogFollower(paths: [path], options: FollowTestSupport.options())

        #expect(FollowTestSupport.texts(follower.poll()) == ["a"])
        try FollowTestSupport.append("b\nc\n", to: path)
        let lines = follower.poll()
        #expect(FollowTestSupport.texts(lines) == ["b", "c"])
        #expect(lines.map(\.endOffset) == [4, 6])
        #expect(follower.poll().isEmpty)
    }

    @Test func partialLineCompletedLater() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        try FollowTestSupport.append("x1\npar", to: path)
        let follower = LogFollower(paths: [path], options: FollowTestSupport.options())

        #expect(FollowTestSupport.texts(follower.poll()) == ["x1"])
        try FollowTestSupport.append("ti", to: path)
        #expect(follower.poll().isEmpty)
        try FollowTestSupport.append("al\r", to: path)
        #expect(follower.poll().isEmpty)
        try FollowTestSupport.append("\n", to: path)
        let lines = follower.poll()
        #expect(FollowTestSupport.texts(lines) == ["partial"])
        #expect(lines.first?.endOffset == 12)
    }

    @Test func startAtEndWaitsForUnfinishedLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        try FollowTestSupport.append("old\nhalf", to: path)
        let follower = LogFollower(paths: [path], options: FollowTestSupport.options(.end))

        #expect(follower.poll().isEmpty)
        try FollowTestSupport.append("-done\nnew\n", to: path)
        #expect(FollowTestSupport.texts(follower.poll()) == ["half-done", "new"])
    }

    @Test func newFileInFolderPickedUp() throws {
        let directory = try TemporaryDirectory()
        try FollowTestSupport.append("a1\n", to: directory.path("a.log"))
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options(.end))
        #expect(follower.poll().isEmpty)

        try FollowTestSupport.append("b1\n", to: directory.path("b.log"))
        try FollowTestSupport.append(".hidden\n", to: directory.path(".b.log.swp"))
        let lines = follower.poll()
        #expect(FollowTestSupport.texts(lines) == ["b1"])
        #expect(lines.first?.path == directory.path("b.log"))
    }

    @Test func folderReadInRotationOrder() throws {
        let directory = try TemporaryDirectory()
        try FollowTestSupport.append("live\n", to: directory.path("audit.log"))
        try FollowTestSupport.append("newer\n", to: directory.path("audit-2024-05-02T00-00-00.000.log"))
        try FollowTestSupport.append("older\n", to: directory.path("audit-2024-05-01T00-00-00.000.log"))
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options())

        #expect(FollowTestSupport.texts(follower.poll()) == ["older", "newer", "live"])
    }

    @Test func deletedFileReadToEndAndReleased() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        try FollowTestSupport.append("a\n", to: path)
        let follower = LogFollower(paths: [path], options: FollowTestSupport.options())
        #expect(FollowTestSupport.texts(follower.poll()) == ["a"])
        _ = follower.takeNotices()

        try FollowTestSupport.append("b\nlast", to: path)
        try FileManager.default.removeItem(atPath: path)
        #expect(FollowTestSupport.texts(follower.poll()) == ["b", "last"])
        let released = follower.takeNotices().filter {
            if case .released(path, _, .deleted) = $0 { return true }
            return false
        }
        #expect(released.count == 1)
        #expect(follower.checkpoints.isEmpty)
        #expect(follower.poll().isEmpty)
    }

    @Test func missingPathIsNotAnError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        let follower = LogFollower(paths: [path], options: FollowTestSupport.options(.end))

        #expect(follower.poll().isEmpty)
        #expect(follower.takeNotices().isEmpty)
        try FollowTestSupport.append("first\n", to: path)
        #expect(FollowTestSupport.texts(follower.poll()) == ["first"])
    }

    @Test func runPassesLinesUntilStopped() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        try FollowTestSupport.append("a\nb\n", to: path)
        let follower = LogFollower(paths: [path], options: FollowTestSupport.options())

        // `until` is called before each poll, so this allows three polls.
        var checks = 0
        var received: [String] = []
        follower.run(
            until: {
                checks += 1
                return checks > 3
            },
            { lines in received += FollowTestSupport.texts(lines) })
        #expect(received == ["a", "b"])
        #expect(checks == 4)
    }
}
