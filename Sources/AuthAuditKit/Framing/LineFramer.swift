/// Splits bytes that arrive in chunks into lines, holding only the line being read.
///
/// A `\r` before `\n` is dropped. A last line without `\n` is delivered by `finish`. A line above
/// `maximumLength` is reported and passed over without being held.
struct LineFramer {
    struct Line {
        var bytes: [UInt8]
        /// The 1-based line number in the decompressed stream.
        var number: Int
        /// The offset of the line's first byte in the decompressed stream.
        var offset: Int
        /// False for a last line that the input ends without a `\n`, which may have been cut.
        var isTerminated: Bool
    }

    let maximumLength: Int
    private var partial: [UInt8] = []
    private var lineNumber = 1
    private var lineOffset = 0
    private var offset = 0
    /// The length so far of a line above the maximum, which is not kept.
    private var skippedLength: Int?

    init(maximumLength: Int) {
        precondition(maximumLength > 0, "maximumLength must be positive")
        self.maximumLength = maximumLength
    }

    mutating func consume(
        _ chunk: UnsafeRawBufferPointer, _ body: (Line) -> Void, tooLong: (_ length: Int, _ line: Int) -> Void
    ) {
        var start = 0
        while start < chunk.count {
            let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? chunk.count
            append(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), tooLong: tooLong)
            offset += end - start
            guard newline != nil else { break }
            offset += 1
            endLine(isTerminated: true, body, tooLong: tooLong)
            start = end + 1
        }
    }

    mutating func finish(_ body: (Line) -> Void, tooLong: (_ length: Int, _ line: Int) -> Void) {
        if !partial.isEmpty || skippedLength != nil {
            endLine(isTerminated: false, body, tooLong: tooLong)
        }
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer, tooLong: (_ length: Int, _ line: Int) -> Void) {
        if let skipped = skippedLength {
            skippedLength = skipped + bytes.count
        } else if partial.count + bytes.count > maximumLength {
            skippedLength = partial.count + bytes.count
            partial = []
        } else {
            partial.append(contentsOf: bytes)
        }
    }

    private mutating func endLine(
        isTerminated: Bool, _ body: (Line) -> Void, tooLong: (_ length: Int, _ line: Int) -> Void
    ) {
        if let skipped = skippedLength {
            tooLong(skipped, lineNumber)
            skippedLength = nil
        } else {
            if partial.last == UInt8(ascii: "\r") {
                partial.removeLast()
            }
            let line = Line(bytes: partial, number: lineNumber, offset: lineOffset, isTerminated: isTerminated)
            body(line)
        }
        partial.removeAll(keepingCapacity: true)
        lineNumber += 1
        lineOffset = offset
    }
}
