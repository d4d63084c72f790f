/// Complete lines of one input in one contiguous byte array, to be handed from a reader thread to a parser.
///
/// Line terminators are not part of a line: the `\n`, and a `\r` right before it, are left out. Line
/// numbers count lines of the decompressed stream from 1; they are consecutive within a batch except
/// where a line was skipped (see `diagnostics`).
public struct LineBatch: Sendable {
    /// The position of one line in `bytes`.
    public struct Line: Sendable, Equatable {
        /// Offset of the line's first byte in `bytes`.
        public var start: Int
        /// Length in bytes without the line terminator.
        public var length: Int
        /// The 1-based line number in the decompressed stream.
        public var number: Int

        public init(start: Int, length: Int, number: Int) {
            self.start = start
            self.length = length
            self.number = number
        }
    }

    /// The path as given, or `<stdin>`.
    public let source: String
    /// The lines' bytes, possibly with terminators and skipped lines between them, and unused bytes
    /// after the last line (a batch keeps its reader's whole storage, for `BatchStoragePool`).
    public let bytes: [UInt8]
    public let lines: [Line]
    /// Problems found while reading this batch's part of the stream. Those about a line come in line
    /// order; problems of the stream as a whole (a truncated gzip file) come last, in the final batch.
    public let diagnostics: [Diagnostic]

    public init(source: String, bytes: [UInt8], lines: [Line], diagnostics: [Diagnostic]) {
        self.source = source
        self.bytes = bytes
        self.lines = lines
        self.diagnostics = diagnostics
    }

    /// Calls `body` with each line's bytes and line number, in order, without copying.
    ///
    /// The buffer is valid only during the call.
    public func forEachLine(_ body: (_ line: UnsafeRawBufferPointer, _ number: Int) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { storage in
            for line in lines {
                try body(
                    UnsafeRawBufferPointer(rebasing: storage[line.start..<(line.start + line.length)]), line.number)
            }
        }
    }

    /// Calls `body` with the bytes of the line at `index` in `lines` and returns its result.
    public func withLine<Result>(
        at index: Int,
        _ body: (_ line: UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        let line = lines[index]
        return try bytes.withUnsafeBytes { storage in
            try body(UnsafeRawBufferPointer(rebasing: storage[line.start..<(line.start + line.length)]))
        }
    }
}
