import Foundation
import Testing

@testable import AuthAuditKit

/// A gzip file that ends inside a member is waited for while a compressor may still write it, and read up
/// to the cut once it stayed the same for the grace period.
@Suite struct LogFollowerIncompleteGzipTests {
    private let backupName = "audit-2024-05-01T09-16-57.416.log.gz"

    @Test func cutGzipReadAfterGracePeriod() throws {
        let directory = try TemporaryDirectory()
        let compressed = try InputTestSupport.gzip("1\n2\n3\n")
        // Without the last four bytes of the trailer the member never ends.
        let cut = directory.path(backupName)
        try Data(compressed.dropLast(4)).write(to: URL(fileURLWithPath: cut))
        let options = FollowTestSupport.options(grace: .milliseconds(500))
        let follower = LogFollower(paths: [directory.url.path], options: options)

        #expect(follower.poll().isEmpty)
        var lines: [FollowedLine] = []
        #expect(Deadline.wait(seconds: 15) {
            lines += follower.poll()
            return !lines.isEmpty
        })
        #expect(FollowTestSupport.texts(lines) == ["1", "2", "3"])
        let problems = follower.takeNotices().compactMap { notice -> InputProblem? in
            guard case .gzipProblem(let path, let diagnostic) = notice, path == cut else { return nil }
            return diagnostic.problem
        }
        #expect(problems.count == 1)
        if case .truncatedGzip = problems.first {
        } else {
            Issue.record("expected a truncatedGzip problem, found \(String(describing: problems.first))")
        }
        // Read once: later polls do not deliver it again.
        #expect(follower.poll().isEmpty)
    }

    @Test func cutGzipCompletedLaterReadOnce() throws {
        let directory = try TemporaryDirectory()
        // Lines that do not compress to almost nothing (letters from a linear congruential sequence), so a
        // cut in the middle of the gzip data falls inside a line.
        var state: UInt32 = 7
        let texts = (1...400).map { number in
            let letters = (0..<30).map { _ in
                state = state &* 1_664_525 &+ 1_013_904_223
                return Character(UnicodeScalar(UInt8(97 + (state >> 24) % 26)))
            }
            return "\(number) " + String(letters)
        }
        let compressed = try InputTestSupport.gzip(texts.joined(separator: "\n") + "\n")
        let cut = directory.path(backupName)
        let half = compressed.count / 2
        try Data(compressed.prefix(half)).write(to: URL(fileURLWithPath: cut))
        let options = FollowTestSupport.options(grace: .milliseconds(500))
        let follower = LogFollower(paths: [directory.url.path], options: options)

        var lines: [FollowedLine] = []
        #expect(Deadline.wait(seconds: 15) {
            lines += follower.poll()
            return !lines.isEmpty
        })
        #expect(lines.count < texts.count)

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: cut))
        try handle.seekToEnd()
        try handle.write(contentsOf: compressed.suffix(from: half))
        try handle.close()
        #expect(Deadline.wait(seconds: 15) {
            lines += follower.poll()
            return lines.count >= texts.count
        })
        #expect(lines.count == texts.count)
        #expect(FollowTestSupport.texts(lines) == texts)
    }
}
