import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct LogFollowerCheckpointTests {
    @Test func restartMidBurstLosesAndRepeatsNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        let expected = (1...200).map { "event-\($0)" }
        try FollowTestSupport.append(expected[..<150].map { $0 + "\n" }.joined() + "event-1", to: path)

        // The caller stores the lines of two polls; the process dies before storing the third.
        var stored: [String] = []
        var checkpoints: [FollowedFileIdentity: Int64] = [:]
        do {
            let follower = LogFollower(paths: [path], options: FollowTestSupport.options(maximumBytesPerPoll: 500))
            for _ in 0..<2 {
                let lines = follower.poll()
                #expect(follower.hasUnreadBytes)
                stored += FollowTestSupport.texts(lines)
                for line in lines {
                    checkpoints[line.fileIdentity] = line.endOffset
                }
            }
            #expect(!follower.poll().isEmpty)
        }

        // The last line was half written at the crash; the writer finishes it and goes on.
        try FollowTestSupport.append("51\n" + expected[151...].map { $0 + "\n" }.joined(), to: path)
        let restarted = LogFollower(paths: [path], options: FollowTestSupport.options(.end, maximumBytesPerPoll: 500))
        restarted.restore(checkpoints: checkpoints)
        stored += FollowTestSupport.texts(FollowTestSupport.pollAll(restarted))

        #expect(stored.count == expected.count)
        #expect(stored == expected)
    }

    @Test func checkpointFollowsRenameWhileStopped() throws {
        let directory = try TemporaryDirectory()
        let live = directory.path("audit.log")
        try FollowTestSupport.append("1\n2\n", to: live)
        let first = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options())
        let lines = first.poll()
        #expect(FollowTestSupport.texts(lines) == ["1", "2"])
        let checkpoints = first.checkpoints

        try FollowTestSupport.append("3\n", to: live)
        try FollowTestSupport.rename(live, to: directory.path("audit-2024-05-01T09-16-57.416.log"))
        try FollowTestSupport.append("4\n", to: live)
        let restarted = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options(.end))
        restarted.restore(checkpoints: checkpoints)

        #expect(FollowTestSupport.texts(restarted.poll()) == ["3"])
    }

    @Test func checkpointResumesInsideGzipCopy() throws {
        let directory = try TemporaryDirectory()
        let live = directory.path("audit.log")
        let backup = directory.path("audit-2024-05-01T09-16-57.416.log")
        try FollowTestSupport.append("1\n2\n", to: live)
        let first = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options())
        #expect(FollowTestSupport.texts(first.poll()) == ["1", "2"])
        let checkpoints = first.checkpoints

        // While stopped: one more line, rotation, and compression of the backup.
        try FollowTestSupport.append("3\n", to: live)
        try FollowTestSupport.rename(live, to: backup)
        try FollowTestSupport.compress(backup)
        let restarted = LogFollower(paths: [directory.url.path], options: FollowTestSupport.options(.end))
        restarted.restore(checkpoints: checkpoints)

        let lines = restarted.poll()
        #expect(FollowTestSupport.texts(lines) == ["3"])
        #expect(lines.first?.endOffset == 6)
    }

    @Test func rewrittenWhileStoppedReadFromStart() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("audit.log")
        try FollowTestSupport.append("old-1\nold-2\n", to: path)
        let first = LogFollower(paths: [path], options: FollowTestSupport.options())
        #expect(first.poll().count == 2)
        let checkpoints = first.checkpoints

        let writer = try LogWriter(path: path, append: false)
        #expect(ftruncate(writer.descriptor, 0) == 0)
        #expect(lseek(writer.descriptor, 0, SEEK_SET) == 0)
        try writer.write("new-1\nnew-2\nnew-3\n")
        let restarted = LogFollower(paths: [path], options: FollowTestSupport.options(.end))
        restarted.restore(checkpoints: checkpoints)

        #expect(FollowTestSupport.texts(restarted.poll()) == ["new-1", "new-2", "new-3"])
    }
}
