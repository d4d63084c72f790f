import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct LogFollowerRotationTests {
    private let backupName = "audit-2024-05-01T09-16-57.416.log"

    @Test func renameRotationReadsOldFileFirst() throws {
        let directory = try TemporaryDirectory()
        let live = directory.path("audit.log")
        let backup = directory.path(backupName)
        let writer = try LogWriter(path: live)
        try writer.write("1\n")
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options())
        #expect(FollowTestSupport.texts(follower.poll()) == ["1"])

        try writer.write("2\n")
        try FollowTestSupport.rename(live, to: backup)
        try FollowTestSupport.append("3\n", to: live)
        let afterRotation = follower.poll()
        #expect(FollowTestSupport.texts(afterRotation) == ["2", "3"])
        #expect(afterRotation.map(\.path) == [backup, live])
        #expect(afterRotation[0].fileIdentity.inode != afterRotation[1].fileIdentity.inode)

        // The old writer still has the renamed file open.
        try writer.write("4\n")
        try FollowTestSupport.append("5\n", to: live)
        let late = follower.poll()
        #expect(FollowTestSupport.texts(late) == ["4", "5"])
        // Same inode; the identity's head grew with the file because it is shorter than 1 KiB.
        #expect(late.first?.fileIdentity.inode == afterRotation.first?.fileIdentity.inode)
        #expect(late.first?.endOffset == 6)
    }

    @Test func renameOutOfFollowedPathStillRead() throws {
        let directory = try TemporaryDirectory()
        let live = directory.path("audit.log")
        let writer = try LogWriter(path: live)
        try writer.write("1\n")
        let follower = LogFollower(paths: [live], options: FollowTestSupport.options())
        #expect(FollowTestSupport.texts(follower.poll()) == ["1"])

        try FollowTestSupport.rename(live, to: directory.path(backupName))
        try FollowTestSupport.append("new\n", to: live)
        try writer.write("late\n")
        #expect(FollowTestSupport.texts(follower.poll()) == ["late", "new"])
        let rotated = follower.takeNotices().contains {
            if case .rotated(live, nil, _) = $0 { return true }
            return false
        }
        #expect(rotated)
    }

    @Test func idleRotatedFileReleasedThenResumed() throws {
        let directory = try TemporaryDirectory()
        let live = directory.path("audit.log")
        let backup = directory.path(backupName)
        let writer = try LogWriter(path: live)
        try writer.write("1\n")
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options(grace: .zero))
        #expect(FollowTestSupport.texts(follower.poll()) == ["1"])

        try FollowTestSupport.rename(live, to: backup)
        try FollowTestSupport.append("2\n", to: live)
        #expect(FollowTestSupport.texts(follower.poll()) == ["2"])
        let released = follower.takeNotices().contains {
            if case .released(backup, _, .idleAfterRotation) = $0 { return true }
            return false
        }
        #expect(released)
        #expect(follower.checkpoints.count == 1)

        // A write after the release is found because the file grew past the offset it was released at.
        try writer.write("late\n")
        let late = follower.poll()
        #expect(FollowTestSupport.texts(late) == ["late"])
        #expect(late.first?.path == backup)
    }

    @Test func compressedRotatedFileNotReread() throws {
        let directory = try TemporaryDirectory()
        let live = directory.path("audit.log")
        let backup = directory.path(backupName)
        let body = (1...300).map { "{\"auditID\":\"\($0)\",\"stage\":\"ResponseComplete\"}\n" }.joined()
        try FollowTestSupport.append(body, to: live)
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options(grace: .zero))
        #expect(follower.poll().count == 300)

        try FollowTestSupport.rename(live, to: backup)
        try FollowTestSupport.append("after\n", to: live)
        #expect(FollowTestSupport.texts(follower.poll()) == ["after"])
        try FollowTestSupport.compress(backup)
        _ = follower.takeNotices()

        #expect(FollowTestSupport.texts(follower.poll()) == [])
        let skipped = follower.takeNotices().contains {
            if case .skippedCopy(backup + ".gz", _, _) = $0 { return true }
            return false
        }
        #expect(skipped)
        #expect(follower.poll().isEmpty)
    }

    @Test func backupAndItsGzipReadOnce() throws {
        let directory = try TemporaryDirectory()
        let backup = directory.path(backupName)
        try FollowTestSupport.append("b1\nb2\n", to: backup)
        _ = try InputTestSupport.run("/usr/bin/gzip", ["-k", "-n", backup])
        try FollowTestSupport.append("live\n", to: directory.path("audit.log"))
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options())

        #expect(FollowTestSupport.texts(FollowTestSupport.pollAll(follower)) == ["b1", "b2", "live"])
    }

    @Test func unmatchedGzipReadWhole() throws {
        let directory = try TemporaryDirectory()
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options(.end))
        #expect(follower.poll().isEmpty)

        let compressed = directory.path("audit.log.1.gz")
        try Data(InputTestSupport.gzip("g1\ng2")).write(to: URL(fileURLWithPath: compressed))
        let lines = follower.poll()
        #expect(FollowTestSupport.texts(lines) == ["g1", "g2"])
        #expect(lines.last?.endOffset == 5)
        #expect(follower.poll().isEmpty)
    }

    @Test func incompleteGzipWaitsUntilComplete() throws {
        let directory = try TemporaryDirectory()
        let follower = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options(.end))
        #expect(follower.poll().isEmpty)

        let compressed = try InputTestSupport.gzip(String(repeating: "line\n", count: 1000))
        let path = directory.path("audit.log.1.gz")
        try Data(compressed.prefix(compressed.count / 2)).write(to: URL(fileURLWithPath: path))
        #expect(follower.poll().isEmpty)
        try Data(compressed).write(to: URL(fileURLWithPath: path))
        #expect(follower.poll().count == 1000)
    }
}
