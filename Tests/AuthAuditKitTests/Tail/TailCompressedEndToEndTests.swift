import Foundation
import Glibc
import Testing

/// `authaudit tail` over gzip files that appear while it runs: a rotated file compressed afterwards must
/// be recognised as a copy of what was read, and a new gzip file must be decompressed, never read as text.
///
/// gzip creates its output file empty and writes it afterwards. The tests create the `.gz` file empty,
/// wait until tail follows it, and only then write the compressed bytes, which is the order a poll woken
/// by inotify at the file's creation sees.
@Suite struct TailCompressedEndToEndTests {
    private static func lines(_ numbers: ClosedRange<Int>) -> String {
        numbers.map { String(decoding: AuditEventLine(auditID: AuditEventLine.auditID($0)).data, as: UTF8.self) }
            .joined()
    }

    private static func ids(_ numbers: ClosedRange<Int>) -> [String] {
        numbers.map(AuditEventLine.auditID)
    }

    /// Creates `path` empty and returns once tail reports following it.
    private static func createEmpty(_ path: String, seenBy tail: TailProcess) throws -> Bool {
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        return Deadline.wait(seconds: 15) { tail.standardError.contains("following \(path) from offset 0") }
    }

    /// Writes `data` into the existing file at `path`, as a compressor fills the file it created.
    private static func fill(_ path: String, with data: Data) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: data)
        try handle.close()
    }

    private static func storedIDs(_ sandbox: EndToEndSandbox) throws -> [String] {
        try sandbox.queryTexts("SELECT audit_id_text(audit_id) FROM requests").compactMap { $0 }
    }

    @Test func rotatedFileCompressedWhileSeenEmpty() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        let rotated = sandbox.path("logs/audit.log.1")
        let compressed = rotated + ".gz"
        try sandbox.write(Data(Self.lines(1...3).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs"), "--verbose"])
        #expect(tail.waitForOutput(count: 3))

        #expect(rename(log, rotated) == 0)
        try sandbox.write(Data(Self.lines(4...4).utf8), to: "logs/audit.log")
        #expect(tail.waitForOutput(count: 4))
        #expect(try Self.createEmpty(compressed, seenBy: tail))
        try Self.fill(compressed, with: GzipTool.compress(Data(contentsOf: URL(fileURLWithPath: rotated))))
        #expect(unlink(rotated) == 0)

        let copyNotice = "\(compressed) is a copy of a file already read"
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains(copyNotice) })
        #expect(tail.stop() == 0)
        #expect(!tail.standardError.contains("neither an audit event"))
        #expect(tail.printedAuditIDs == Self.ids(1...4))
        let gzipOffsets = try sandbox.queryInteger(
            "SELECT count(*) FROM checkpoints WHERE path = '\(compressed)' AND offset > 0")
        #expect(gzipOffsets == 0)

        // The .gz's own checkpoint row, written while it was empty, must not make a restart read it.
        let restarted = try TailProcess(sandbox, [sandbox.path("logs"), "--verbose"])
        #expect(Deadline.wait(seconds: 15) { restarted.standardError.contains(copyNotice) })
        #expect(restarted.stop() == 0)
        #expect(!restarted.standardError.contains("following \(compressed)"))
        #expect(try Self.storedIDs(sandbox).sorted() == Self.ids(1...4))
    }

    @Test func compressedCopyOfFileAlreadyLetGo() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        let rotated = sandbox.path("logs/audit-2018-06-25T07-10-00.000.log")
        let compressed = rotated + ".gz"
        try sandbox.write(Data(Self.lines(1...3).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs"), "--verbose"])
        #expect(tail.waitForOutput(count: 3))

        #expect(rename(log, rotated) == 0)
        try sandbox.write(Data(Self.lines(4...4).utf8), to: "logs/audit.log")
        #expect(tail.waitForOutput(count: 4))
        // The compressed bytes are made first, and the original is deleted and let go before the copy appears.
        let gzipBytes = try GzipTool.compress(Data(contentsOf: URL(fileURLWithPath: rotated)))
        #expect(unlink(rotated) == 0)
        let releaseNotice = "stopped following \(rotated) (deleted)"
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains(releaseNotice) })
        #expect(try Self.createEmpty(compressed, seenBy: tail))
        try Self.fill(compressed, with: gzipBytes)

        let copyNotice = "\(compressed) is a copy of a file already read"
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains(copyNotice) })
        #expect(tail.stop() == 0)
        #expect(!tail.standardError.contains("neither an audit event"))
        #expect(tail.printedAuditIDs == Self.ids(1...4))
    }

    @Test func newGzipFileDecompressed() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write(Data(Self.lines(1...1).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs"), "--verbose"])
        #expect(tail.waitForOutput(count: 1))

        let filled = sandbox.path("logs/audit-2018-06-25T07-10-00.000.log.gz")
        #expect(try Self.createEmpty(filled, seenBy: tail))
        try Self.fill(filled, with: GzipTool.compress(Data(Self.lines(2...3).utf8)))
        #expect(tail.waitForOutput(count: 3))

        // A gzip file that appears whole, by rename, is decompressed too.
        let staged = sandbox.path("staged.gz")
        try GzipTool.compress(Data(Self.lines(4...5).utf8)).write(to: URL(fileURLWithPath: staged))
        #expect(rename(staged, sandbox.path("logs/audit-2018-06-25T08-10-00.000.log.gz")) == 0)
        #expect(tail.waitForOutput(count: 5))

        #expect(tail.stop() == 0)
        #expect(!tail.standardError.contains("neither an audit event"))
        #expect(Set(tail.printedAuditIDs) == Set(Self.ids(1...5)))
        #expect(try Self.storedIDs(sandbox).sorted() == Self.ids(1...5))
    }
}
