import Foundation
import Testing

@testable import AuthAuditKit

/// Helpers that make real gzip data with /usr/bin/gzip and read inputs back through the product's readers.
enum InputTestSupport {
    /// Compresses `bytes` into one gzip member with `/usr/bin/gzip -c -n`.
    static func gzip(_ bytes: [UInt8], level: Int = 6) throws -> [UInt8] {
        let directory = try TemporaryDirectory()
        let plain = directory.path("member")
        try Data(bytes).write(to: URL(fileURLWithPath: plain))
        return try run("/usr/bin/gzip", ["-c", "-n", "-\(level)", plain])
    }

    static func gzip(_ text: String) throws -> [UInt8] {
        try gzip(Array(text.utf8))
    }

    /// Runs a program and returns its standard output; throws when it exits with a non-zero status.
    static func run(_ program: String, _ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailure(program: program, status: process.terminationStatus)
        }
        return Array(data)
    }

    struct ToolFailure: Error {
        var program: String
        var status: Int32
    }

    /// Writes `bytes` to a new file in `directory` and returns its path.
    static func write(_ bytes: [UInt8], named name: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Reads a whole stream through `read(into:)` with a buffer of `bufferSize` bytes.
    static func readAll(_ stream: DecompressedStream, bufferSize: Int = 64 * 1024) -> [UInt8] {
        var result: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = stream.read(into: buffer)
            if count == 0 {
                return result
            }
            result.append(contentsOf: buffer[0..<count])
        }
    }

    /// One line as delivered by a `LineBatchReader`.
    struct ReadLine: Equatable, CustomStringConvertible {
        var number: Int
        var text: [UInt8]

        init(_ number: Int, _ text: String) {
            self.number = number
            self.text = Array(text.utf8)
        }

        init(number: Int, bytes: [UInt8]) {
            self.number = number
            self.text = bytes
        }

        var description: String { "\(number):\(String(decoding: text, as: UTF8.self).debugDescription)" }
    }

    /// Reads every batch of `reader` and returns the lines and diagnostics in delivery order.
    static func readLines(_ reader: LineBatchReader) -> (lines: [ReadLine], diagnostics: [Diagnostic]) {
        var lines: [ReadLine] = []
        var diagnostics: [Diagnostic] = []
        while let batch = reader.nextBatch() {
            batch.forEachLine { line, number in
                lines.append(ReadLine(number: number, bytes: Array(line)))
            }
            diagnostics.append(contentsOf: batch.diagnostics)
        }
        return (lines, diagnostics)
    }

    /// Opens `path` with the given chunk sizes and returns all lines and diagnostics.
    static func readLines(
        path: String,
        readChunkSize: Int = DecompressedStream.defaultReadChunkSize,
        maximumLineLength: Int = LineBatchReader.defaultMaximumLineLength,
        batchCapacity: Int = LineBatchReader.defaultBatchCapacity
    ) throws -> (lines: [ReadLine], diagnostics: [Diagnostic]) {
        let stream = try DecompressedStream(path: path, readChunkSize: readChunkSize)
        let reader = LineBatchReader(stream: stream, maximumLineLength: maximumLineLength, batchCapacity: batchCapacity)
        return readLines(reader)
    }
}
