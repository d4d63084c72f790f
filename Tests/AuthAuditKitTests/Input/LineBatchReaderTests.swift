import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct LineBatchReaderTests {
    typealias ReadLine = InputTestSupport.ReadLine

    private func readLines(
        _ bytes: [UInt8],
        readChunkSize: Int = DecompressedStream.defaultReadChunkSize,
        maximumLineLength: Int = LineBatchReader.defaultMaximumLineLength,
        batchCapacity: Int = LineBatchReader.defaultBatchCapacity
    ) throws -> (lines: [ReadLine], diagnostics: [Diagnostic], path: String) {
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(bytes, named: "input.log", in: directory)
        let result = try InputTestSupport.readLines(
            path: path, readChunkSize: readChunkSize, maximumLineLength: maximumLineLength,
            batchCapacity: batchCapacity)
        return (result.lines, result.diagnostics, path)
    }

    private func readLines(_ text: String, readChunkSize: Int = DecompressedStream.defaultReadChunkSize) throws
        -> [ReadLine]
    {
        try readLines(Array(text.utf8), readChunkSize: readChunkSize).lines
    }

    @Test func plainTextPassesThrough() throws {
        let lines = try readLines("first\nsecond\n")
        #expect(lines == [ReadLine(1, "first"), ReadLine(2, "second")])
    }

    @Test func lastLineWithoutNewline() throws {
        let lines = try readLines("first\nlast")
        #expect(lines == [ReadLine(1, "first"), ReadLine(2, "last")])
    }

    @Test func emptyLinesKeepTheirNumbers() throws {
        let lines = try readLines("\n\na\n\r\n\nb\n")
        #expect(
            lines == [
                ReadLine(1, ""), ReadLine(2, ""), ReadLine(3, "a"), ReadLine(4, ""), ReadLine(5, ""),
                ReadLine(6, "b"),
            ])
    }

    @Test func emptyInputHasNoBatch() throws {
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write([], named: "empty.log", in: directory)
        let reader = try LineBatchReader(path: path)
        #expect(reader.nextBatch() == nil)
    }

    @Test func carriageReturnDroppedOnlyBeforeNewline() throws {
        let lines = try readLines("crlf\r\nlone\rcr\n\r\rdouble\r\r\nend\r")
        #expect(
            lines == [
                ReadLine(1, "crlf"), ReadLine(2, "lone\rcr"), ReadLine(3, "\r\rdouble\r"),
                ReadLine(4, "end\r"),
            ])
    }

    @Test func carriageReturnAndNewlineInDifferentChunks() throws {
        // With 5-byte reads the chunks are "abcd\r", "\nefgh", "\r", "\n": CR and LF never arrive together.
        let bytes = Array("abcd\r\nefgh\r\n".utf8)
        let (lines, _, _) = try readLines(bytes, readChunkSize: 5, batchCapacity: 8)
        #expect(lines == [ReadLine(1, "abcd"), ReadLine(2, "efgh")])
    }

    @Test func everySplitPointGivesSameLines() throws {
        let text = "{\"a\":1}\r\n\nsecond line\nthird\r\n\r\nlast without newline"
        let expected = [
            ReadLine(1, "{\"a\":1}"), ReadLine(2, ""), ReadLine(3, "second line"), ReadLine(4, "third"),
            ReadLine(5, ""), ReadLine(6, "last without newline"),
        ]
        let bytes = Array(text.utf8)
        let gzipped = try InputTestSupport.gzip(bytes)

        for chunkSize in 1...bytes.count {
            let plain = try readLines(bytes, readChunkSize: chunkSize)
            #expect(plain.lines == expected, "plain, read chunk size \(chunkSize)")
        }
        for chunkSize in 1...gzipped.count {
            let compressed = try readLines(gzipped, readChunkSize: chunkSize)
            #expect(compressed.lines == expected, "gzip, read chunk size \(chunkSize)")
            #expect(compressed.diagnostics.isEmpty, "gzip, read chunk size \(chunkSize)")
        }
        // Small batches move partial lines between storages at every position too.
        for batchCapacity in 1...bytes.count {
            let batched = try readLines(bytes, readChunkSize: 3, batchCapacity: batchCapacity)
            #expect(batched.lines == expected, "batch capacity \(batchCapacity)")
        }
    }

    @Test func twoMebibyteLineAccepted() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 2 * 1024 * 1024)
        let bytes = Array("before\n".utf8) + long + Array("\nafter\n".utf8)

        let (lines, diagnostics, _) = try readLines(bytes, batchCapacity: 1024 * 1024)

        #expect(lines.map(\.number) == [1, 2, 3])
        try #require(lines.count == 3)
        #expect(lines[1].text == long)
        #expect(lines.last == ReadLine(3, "after"))
        #expect(diagnostics.isEmpty)
    }

    @Test func lineAboveMaximumSkipped() throws {
        let long = String(repeating: "y", count: 1000)
        let bytes = Array("short\n\(long)\r\nnext\nexactly10!\r\n".utf8)

        for chunkSize in [1, 7, 64, 4096] {
            let (lines, diagnostics, path) = try readLines(
                bytes, readChunkSize: chunkSize, maximumLineLength: 10, batchCapacity: 32)

            #expect(
                lines == [ReadLine(1, "short"), ReadLine(3, "next"), ReadLine(4, "exactly10!")],
                "read chunk size \(chunkSize)")
            #expect(
                diagnostics == [
                    Diagnostic(
                        severity: .warning, source: path, line: 2,
                        problem: .lineTooLong(length: 1000, maximum: 10))
                ], "read chunk size \(chunkSize)")
        }
    }

    @Test func lastLineAboveMaximumSkipped() throws {
        let (lines, diagnostics, _) = try readLines(
            Array("ok\n0123456789ABCDEF".utf8), readChunkSize: 4, maximumLineLength: 10, batchCapacity: 8)

        #expect(lines == [ReadLine(1, "ok")])
        #expect(diagnostics.map(\.problem) == [.lineTooLong(length: 16, maximum: 10)])
        #expect(diagnostics.map(\.line) == [2])
    }

    @Test func binaryJunkLineDeliveredAsBytes() throws {
        let junk: [UInt8] = [0x00, 0xFF, 0xFE, 0x1F, 0x8B, 0x0D, 0x00, 0x80]
        let bytes = Array("{\"ok\":1}\n".utf8) + junk + Array("\n{\"ok\":2}\n".utf8)

        let (lines, diagnostics, _) = try readLines(bytes)

        #expect(lines == [ReadLine(1, "{\"ok\":1}"), ReadLine(number: 2, bytes: junk), ReadLine(3, "{\"ok\":2}")])
        #expect(diagnostics.isEmpty)
    }

    @Test func batchesRespectCapacity() throws {
        let text = (1...1000).map { "line \($0)\n" }.joined()
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(Array(text.utf8), named: "many.log", in: directory)
        let reader = try LineBatchReader(path: path, batchCapacity: 256)

        var batchCount = 0
        var numbers: [Int] = []
        while let batch = reader.nextBatch() {
            batchCount += 1
            #expect(batch.bytes.count <= 256)
            numbers += batch.lines.map(\.number)
        }

        #expect(batchCount > 10)
        #expect(numbers == Array(1...1000))
    }

    @Test func truncationDiagnosticTravelsInLastBatch() throws {
        let directory = try TemporaryDirectory()
        let whole = try InputTestSupport.gzip((1...500).map { "event \($0) \(UUID().uuidString)\n" }.joined())
        let path = try InputTestSupport.write(Array(whole.dropLast(20)), named: "cut.gz", in: directory)
        let reader = try LineBatchReader(path: path, batchCapacity: 4096)

        var batches: [LineBatch] = []
        while let batch = reader.nextBatch() {
            batches.append(batch)
        }

        #expect(batches.count > 2)
        #expect(batches.dropLast().allSatisfy { $0.diagnostics.isEmpty })
        #expect(batches.last?.diagnostics.map(\.problem) == [.truncatedGzip(compressedOffset: Int64(whole.count - 20))])
    }

    @Test func withLineReturnsLineBytes() throws {
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(Array("alpha\r\nbeta\n".utf8), named: "two.log", in: directory)
        let reader = try LineBatchReader(path: path)
        let batch = try #require(reader.nextBatch())

        #expect(batch.withLine(at: 0) { Array($0) } == Array("alpha".utf8))
        #expect(batch.withLine(at: 1) { Array($0) } == Array("beta".utf8))
    }
}

@Suite struct BatchStoragePoolTests {
    @Test func recycledStorageIsFilledAgainWithTheRightLines() throws {
        let text = (1...2000).map { "line \($0) of the pooled read\n" }.joined()
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(Array(text.utf8), named: "pooled.log", in: directory)
        let pool = BatchStoragePool(storageSize: 512, maximumKept: 2)
        let reader = try LineBatchReader(path: path, batchCapacity: 512, storagePool: pool)

        var lines: [String] = []
        var addresses = Set<UInt>()
        while let batch = reader.nextBatch() {
            batch.forEachLine { line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
            addresses.insert(batch.bytes.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) })
            pool.recycle(batch.bytes)
        }

        #expect(lines == (1...2000).map { "line \($0) of the pooled read" })
        // Each batch's storage came back before the next one was made, so few distinct buffers were used.
        #expect(addresses.count <= 3)
    }

    @Test func readerFillsRecycledStorage() throws {
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(Array("one\ntwo\n".utf8), named: "small.log", in: directory)
        let pool = BatchStoragePool(storageSize: 64)
        let recycledAddress = Self.recycleNewStorage(count: 64, into: pool)

        let reader = try LineBatchReader(path: path, batchCapacity: 64, storagePool: pool)
        let batch = try #require(reader.nextBatch())

        #expect(batch.bytes.withUnsafeBytes(\.baseAddress) == recycledAddress)
        #expect(batch.lines.map(\.length) == [3, 3])
    }

    /// Recycles new storage that nothing else refers to and returns its address.
    private static func recycleNewStorage(count: Int, into pool: BatchStoragePool) -> UnsafeRawPointer? {
        let storage = [UInt8](repeating: 0, count: count)
        let address = storage.withUnsafeBytes(\.baseAddress)
        pool.recycle(storage)
        return address
    }

    @Test func keptBatchSurvivesRecycling() throws {
        let text = (1...200).map { "line \($0)\n" }.joined()
        let directory = try TemporaryDirectory()
        let path = try InputTestSupport.write(Array(text.utf8), named: "kept.log", in: directory)
        let pool = BatchStoragePool(storageSize: 128)
        let reader = try LineBatchReader(path: path, batchCapacity: 128, storagePool: pool)

        // The first batch is recycled while this test still keeps a copy, so the reader must copy it.
        let first = try #require(reader.nextBatch())
        var firstLines: [String] = []
        first.forEachLine { line, _ in firstLines.append(String(decoding: line, as: UTF8.self)) }
        pool.recycle(first.bytes)
        while reader.nextBatch() != nil {}

        var linesAfter: [String] = []
        first.forEachLine { line, _ in linesAfter.append(String(decoding: line, as: UTF8.self)) }
        #expect(linesAfter == firstLines)
    }

    @Test func storageOfAnotherSizeIsNotKept() {
        let pool = BatchStoragePool(storageSize: 64)
        pool.recycle([UInt8](repeating: 0, count: 128))
        #expect(pool.take() == nil)
        pool.recycle([UInt8](repeating: 1, count: 64))
        #expect(pool.take()?.count == 64)
    }
}
