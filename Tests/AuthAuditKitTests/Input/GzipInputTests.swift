import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct GzipInputTests {
    @Test func multiMemberFileReadToEnd() throws {
        let directory = try TemporaryDirectory()
        let members =
            try InputTestSupport.gzip("first 1\nfirst 2\n") + InputTestSupport.gzip("second 1\n")
            + InputTestSupport.gzip("third 1\nthird 2")
        let path = try InputTestSupport.write(members, named: "rotated.log.gz", in: directory)

        let stream = try DecompressedStream(path: path)
        let text = InputTestSupport.readAll(stream)

        #expect(stream.isGzip)
        #expect(String(decoding: text, as: UTF8.self) == "first 1\nfirst 2\nsecond 1\nthird 1\nthird 2")
        #expect(stream.diagnostics.isEmpty)
        #expect(stream.compressedBytesRead == Int64(members.count))
        #expect(stream.totalBytes == Int64(members.count))
    }

    @Test func multiMemberAtEveryChunkSize() throws {
        let directory = try TemporaryDirectory()
        let members = try InputTestSupport.gzip("a\nbb\n") + InputTestSupport.gzip("ccc\n")
        let path = try InputTestSupport.write(members, named: "two.gz", in: directory)

        for chunkSize in 1...members.count {
            let stream = try DecompressedStream(path: path, readChunkSize: chunkSize)
            let text = InputTestSupport.readAll(stream, bufferSize: 3)
            #expect(String(decoding: text, as: UTF8.self) == "a\nbb\nccc\n", "chunk size \(chunkSize)")
            #expect(stream.diagnostics.isEmpty, "chunk size \(chunkSize)")
        }
    }

    /// A Firehose delivery with its own compression gzips records that CloudWatch had gzipped already.
    @Test func gzipInsideGzipAtEveryChunkSize() throws {
        let directory = try TemporaryDirectory()
        let inner = try InputTestSupport.gzip("a\nbb\n") + InputTestSupport.gzip("ccc\n")
        let outer = try InputTestSupport.gzip(inner)
        let path = try InputTestSupport.write(outer, named: "double.gz", in: directory)

        for chunkSize in 1...outer.count {
            let stream = try DecompressedStream(path: path, readChunkSize: chunkSize)
            let text = InputTestSupport.readAll(stream, bufferSize: 3)
            #expect(String(decoding: text, as: UTF8.self) == "a\nbb\nccc\n", "chunk size \(chunkSize)")
            #expect(stream.diagnostics.isEmpty, "chunk size \(chunkSize)")
        }
    }

    @Test func truncatedInnerGzipIsReported() throws {
        let directory = try TemporaryDirectory()
        let lines = (1...2000).map { "line \($0) \(UUID().uuidString)\n" }
        let inner = try InputTestSupport.gzip(Array(lines.joined().utf8))
        let outer = try InputTestSupport.gzip(Array(inner[..<(inner.count / 2)]))
        let path = try InputTestSupport.write(outer, named: "cut-inner.gz", in: directory)

        let stream = try DecompressedStream(path: path)
        let text = InputTestSupport.readAll(stream)

        #expect(!text.isEmpty)
        #expect(stream.diagnostics.map(\.severity) == [.warning])
    }

    @Test func zeroPaddingAfterLastMemberIgnored() throws {
        let directory = try TemporaryDirectory()
        let padded = try InputTestSupport.gzip("line\n") + [UInt8](repeating: 0, count: 512)
        let path = try InputTestSupport.write(padded, named: "padded.gz", in: directory)

        let stream = try DecompressedStream(path: path)
        let text = InputTestSupport.readAll(stream)

        #expect(text == Array("line\n".utf8))
        #expect(stream.diagnostics.isEmpty)
    }

    @Test func truncatedFileKeepsLinesBeforeCut() throws {
        let directory = try TemporaryDirectory()
        let lines = (1...2000).map { "{\"auditID\":\"\($0)\",\"verb\":\"get\",\"padding\":\"\(UUID().uuidString)\"}\n" }
        let whole = try InputTestSupport.gzip(Array(lines.joined().utf8))
        let cut = whole.count * 2 / 3
        let path = try InputTestSupport.write(Array(whole[..<cut]), named: "cut.gz", in: directory)

        let (read, diagnostics) = try InputTestSupport.readLines(path: path)

        #expect(read.count > 100)
        #expect(read.count < lines.count)
        // Every line delivered before the cut is intact, except possibly the last partial one.
        for line in read.dropLast() {
            #expect(line.text + [0x0A] == Array(lines[line.number - 1].utf8))
        }
        #expect(
            diagnostics == [
                Diagnostic(severity: .warning, source: path, problem: .truncatedGzip(compressedOffset: Int64(cut)))
            ])
    }

    @Test func headerOnlyFileIsTruncated() throws {
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write([0x1f, 0x8b], named: "magic-only.gz", in: directory)

        let stream = try DecompressedStream(path: path)
        let text = InputTestSupport.readAll(stream)

        #expect(text.isEmpty)
        #expect(stream.diagnostics.map(\.problem) == [.truncatedGzip(compressedOffset: 2)])
    }

    @Test func corruptMemberReportedWithOffset() throws {
        let directory = try TemporaryDirectory()
        let first = try InputTestSupport.gzip("kept 1\nkept 2\n")
        var second = try InputTestSupport.gzip("lost\n")
        // With -n the gzip header is 10 bytes. The first deflate byte 0xFF declares block type 3, which
        // RFC 1951 reserves, so zlib rejects it ("invalid block type").
        second[10] = 0xFF
        let path = try InputTestSupport.write(first + second, named: "corrupt.gz", in: directory)

        let stream = try DecompressedStream(path: path)
        let text = InputTestSupport.readAll(stream)

        #expect(String(decoding: text, as: UTF8.self) == "kept 1\nkept 2\n")
        #expect(stream.diagnostics.count == 1)
        #expect(stream.diagnostics.first?.severity == .error)
        guard case .corruptGzip(let offset, let message)? = stream.diagnostics.first?.problem else {
            Issue.record("expected corruptGzip, got \(stream.diagnostics)")
            return
        }
        #expect(offset == Int64(first.count + 11))
        #expect(message == "invalid block type")
    }

    @Test func checksumMismatchIsCorrupt() throws {
        let directory = try TemporaryDirectory()
        var bytes = try InputTestSupport.gzip("checked\n")
        // The trailer is CRC-32 then ISIZE, 4 bytes each.
        bytes[bytes.count - 8] ^= 0xFF
        let path = try InputTestSupport.write(bytes, named: "crc.gz", in: directory)

        let stream = try DecompressedStream(path: path)
        let text = InputTestSupport.readAll(stream)

        #expect(text == Array("checked\n".utf8))
        #expect(
            stream.diagnostics.map(\.problem) == [
                .corruptGzip(compressedOffset: Int64(bytes.count - 4), message: "incorrect data check")
            ])
    }

    @Test func garbageAfterMemberIsCorrupt() throws {
        let directory = try TemporaryDirectory()
        let member = try InputTestSupport.gzip("kept\n")
        let path = try InputTestSupport.write(member + Array("not gzip".utf8), named: "garbage.gz", in: directory)

        let stream = try DecompressedStream(path: path)
        let text = InputTestSupport.readAll(stream)

        #expect(text == Array("kept\n".utf8))
        guard case .corruptGzip(let offset, _)? = stream.diagnostics.first?.problem else {
            Issue.record("expected corruptGzip, got \(stream.diagnostics)")
            return
        }
        #expect(offset >= Int64(member.count))
    }

    @Test func gzipDetectedByContentNotName() throws {
        let directory = try TemporaryDirectory()
        let gzipNamedLog = try InputTestSupport.write(
            try InputTestSupport.gzip("zipped\n"), named: "audit.log", in: directory)
        let plainNamedGz = try InputTestSupport.write(Array("plain\n".utf8), named: "audit.log.gz", in: directory)

        let zipped = try DecompressedStream(path: gzipNamedLog)
        let plain = try DecompressedStream(path: plainNamedGz)

        #expect(zipped.isGzip)
        #expect(InputTestSupport.readAll(zipped) == Array("zipped\n".utf8))
        #expect(!plain.isGzip)
        #expect(InputTestSupport.readAll(plain) == Array("plain\n".utf8))
    }
}
