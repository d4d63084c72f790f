import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct WholeInputTests {
    @Test func peekPrefixLeavesFirstBatchAtLineOne() throws {
        let directory = try TemporaryDirectory()
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws-auth\n"
        let path = try InputTestSupport.write(try InputTestSupport.gzip(text), named: "aws-auth.yaml", in: directory)
        let reader = LineBatchReader(stream: try DecompressedStream(path: path, readChunkSize: 7))

        let prefix = reader.peekPrefix(maximumBytes: 20)
        let (lines, _) = InputTestSupport.readLines(reader)

        #expect(prefix == Array(text.utf8.prefix(20)))
        #expect(lines.first == InputTestSupport.ReadLine(1, "apiVersion: v1"))
        #expect(lines.count == 4)
    }

    @Test func peekPrefixLargerThanBatchCapacity() throws {
        let directory = try TemporaryDirectory()
        let text = (1...100).map { "line \($0)\n" }.joined()
        let path = try InputTestSupport.write(Array(text.utf8), named: "lines.log", in: directory)
        let reader = try LineBatchReader(path: path, batchCapacity: 16)

        let prefix = reader.peekPrefix(maximumBytes: 300)
        let (lines, _) = InputTestSupport.readLines(reader)

        #expect(prefix == Array(text.utf8.prefix(300)))
        #expect(lines.map(\.number) == Array(1...100))
    }

    @Test func peekPrefixOfShortInput() throws {
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(Array("{}".utf8), named: "short.json", in: directory)
        let reader = try LineBatchReader(path: path)

        #expect(reader.peekPrefix(maximumBytes: 4096) == Array("{}".utf8))
    }

    @Test func readRemainderReturnsWholeDocument() throws {
        let directory = try TemporaryDirectory()
        let text = "{\r\n  \"items\": [\n    1\n  ]\n}"
        let path = try InputTestSupport.write(Array(text.utf8), named: "list.json", in: directory)
        let reader = LineBatchReader(stream: try DecompressedStream(path: path, readChunkSize: 3), batchCapacity: 4)

        _ = reader.peekPrefix(maximumBytes: 2)
        let document = try reader.readRemainder(limit: 1000)

        #expect(document == Array(text.utf8))
        #expect(reader.nextBatch() == nil)
        #expect(reader.takeDiagnostics().isEmpty)
    }

    @Test func readRemainderAboveLimitThrows() throws {
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(
            [UInt8](repeating: UInt8(ascii: "a"), count: 10_000), named: "big.yaml", in: directory)
        let reader = try LineBatchReader(path: path)

        #expect(throws: DocumentTooLargeError(source: path, limit: 9_999)) {
            try reader.readRemainder(limit: 9_999)
        }
    }

    @Test func readRemainderAtLimitAccepted() throws {
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(
            [UInt8](repeating: UInt8(ascii: "a"), count: 10_000), named: "big.yaml", in: directory)
        let reader = try LineBatchReader(path: path)

        #expect(try reader.readRemainder(limit: 10_000).count == 10_000)
    }

    @Test func readRemainderOfTruncatedGzipKeepsDiagnostic() throws {
        let directory = try TemporaryDirectory()
        let whole = try InputTestSupport.gzip((1...200).map { "key\($0): value \($0)\n" }.joined())
        let path = try InputTestSupport.write(Array(whole.dropLast(8)), named: "cut.yaml.gz", in: directory)
        let reader = try LineBatchReader(path: path)

        let document = try reader.readRemainder(limit: 1 << 20)

        #expect(document.starts(with: Array("key1: value 1\n".utf8)))
        #expect(reader.takeDiagnostics().map(\.problem) == [.truncatedGzip(compressedOffset: Int64(whole.count - 8))])
    }
}
