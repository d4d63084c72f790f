/// A read position in a buffer of JSON bytes; the only code of the scanner that touches indices.
///
/// Offsets are relative to the start of `bytes`, which is the whole line for the audit scanner, so
/// every `JSONStringRange` the cursor records can be resolved against the line. The cursor also
/// counts how deep the current value is nested, to bound recursion on hostile input.
struct JSONCursor {
    /// The deepest nesting of objects and arrays accepted. Kubernetes objects in request and response bodies stay far below it, so the limit only
    /// guards the stack against hostile input.
    static let maximumDepth = 512

    let bytes: UnsafeRawBufferPointer
    var offset: Int
    var depth = 0

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// Returns the byte at the cursor, or 0 (NUL) at the end of the buffer. A real NUL is never
    /// valid where the scanner peeks, so both take the same error path, and `error(_:)` reports
    /// which of the two it was.
    @inline(__always)
    func peek() -> UInt8 {
        offset < bytes.count ? bytes[offset] : 0
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case ASCIIByte.space, ASCIIByte.tab, ASCIIByte.lineFeed, ASCIIByte.carriageReturn:
                offset += 1
            default:
                return
            }
        }
    }

    /// Consumes `byte` after optional whitespace, or throws with `expected`.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ expected: JSONExpectation) throws(JSONSyntaxError) {
        skipWhitespace()
        guard peek() == byte, !isAtEnd else { throw error(expected) }
        offset += 1
    }

    /// Builds an error at the cursor that names the byte found there (nil at the end of the buffer).
    func error(_ expected: JSONExpectation) -> JSONSyntaxError {
        error(expected, at: offset)
    }

    func error(_ expected: JSONExpectation, at position: Int) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, expected: expected, found: position < bytes.count ? bytes[position] : nil)
    }

    /// Whether the bytes of a recorded string equal an ASCII literal. Escaped strings are decoded
    /// first, so `"\u0061uditID"` still matches `auditID`.
    @inline(__always)
    func stringEquals(_ range: JSONStringRange, _ literal: StaticString) -> Bool {
        if range.hasEscapes {
            return escapedStringEquals(range, literal)
        }
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        var index = 0
        while index < range.count {
            if bytes[range.start + index] != expected[index] { return false }
            index += 1
        }
        return true
    }

    private func escapedStringEquals(_ range: JSONStringRange, _ literal: StaticString) -> Bool {
        let decoded = JSONStringDecoding.decode(
            UnsafeRawBufferPointer(rebasing: bytes[range.start..<range.end]), hasEscapes: true)
        return decoded == literal.description
    }
}
