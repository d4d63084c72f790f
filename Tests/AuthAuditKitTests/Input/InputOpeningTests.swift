import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct InputOpeningTests {
    @Test func missingFileThrowsNotFound() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("absent.log")

        #expect(throws: InputOpenError(path: path, errno: ENOENT)) {
            try DecompressedStream(path: path)
        }
        #expect(InputOpenError(path: path, errno: ENOENT).problem == .notFound)
    }

    @Test func directoryThrowsIsDirectory() throws {
        let directory = try TemporaryDirectory()

        #expect(throws: InputOpenError(path: directory.url.path, errno: EISDIR)) {
            try DecompressedStream(path: directory.url.path)
        }
        #expect(InputOpenError(path: "x", errno: EISDIR).problem == .unreadable(errno: EISDIR))
    }

    @Test func progressCountersForRegularFile() throws {
        let directory = try TemporaryDirectory()
        let compressed = try InputTestSupport.gzip(String(repeating: "progress\n", count: 10_000))
        let path = try InputTestSupport.write(compressed, named: "progress.gz", in: directory)
        let stream = try DecompressedStream(path: path, readChunkSize: 100)

        #expect(stream.totalBytes == Int64(compressed.count))
        #expect(stream.compressedBytesRead < Int64(compressed.count))
        let text = InputTestSupport.readAll(stream)
        #expect(text.count == 90_000)
        #expect(stream.compressedBytesRead == Int64(compressed.count))
    }

    /// A child process writes gzip members to a pipe in pieces, as process substitution `<(...)` would.
    /// The pipe is opened through its /dev/fd path.
    @Test func pipeFromChildProcess() throws {
        let directory = try TemporaryDirectory()
        let first = try InputTestSupport.write(try InputTestSupport.gzip("from pipe 1\n"), named: "a.gz", in: directory)
        let second = try InputTestSupport.write(try InputTestSupport.gzip("from pipe 2"), named: "b.gz", in: directory)

        let pipe = Pipe()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "cat \"$0\"; sleep 0.1; cat \"$1\"", first, second]
        child.standardOutput = pipe
        try child.run()
        try pipe.fileHandleForWriting.close()

        let stream = try DecompressedStream(path: "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)")
        let (lines, diagnostics) = InputTestSupport.readLines(LineBatchReader(stream: stream))
        child.waitUntilExit()

        #expect(stream.isGzip)
        #expect(stream.totalBytes == nil)
        #expect(lines == [InputTestSupport.ReadLine(1, "from pipe 1"), InputTestSupport.ReadLine(2, "from pipe 2")])
        #expect(diagnostics.isEmpty)
    }
}
