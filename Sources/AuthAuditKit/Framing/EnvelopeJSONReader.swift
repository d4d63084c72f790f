/// A position in the bytes of one JSON object, with reading functions for the few fields an envelope needs.
///
/// Values of other members are skipped without being decoded. The reader stops at the first syntax error,
/// so the caller keeps what was read before it.
struct EnvelopeJSONReader {
    /// The contents of a JSON string, without its quotes, still escaped when `hasEscapes` is true.
    struct StringToken {
        var start: Int
        var count: Int
        var hasEscapes: Bool
    }

    struct SyntaxError: Error, Equatable {
        /// The offset from the start of the object.
        var offset: Int
        var expected: String
    }

    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var peek: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    mutating func skipWhitespace() {
        while let byte = peek,
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        {
            position += 1
        }
    }

    func error(_ expected: String) -> SyntaxError {
        SyntaxError(offset: position, expected: expected)
    }

    // MARK: - Containers

    /// Calls `member` with each key, positioned at the start of its value; `member` must read or skip it.
    mutating func readObject(
        _ member: (inout EnvelopeJSONReader, StringToken) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { throw error("'{'") }
        position += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("a member name") }
            let key = try readString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("':' after a member name") }
            position += 1
            skipWhitespace()
            try member(&self, key)
            guard try continueContainer(closing: UInt8(ascii: "}")) else { return }
        }
    }

    /// Calls `element` with the 0-based index of each element, positioned at its start.
    mutating func readArray(
        _ element: (inout EnvelopeJSONReader, Int) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        skipWhitespace()
        guard peek == UInt8(ascii: "[") else { throw error("'['") }
        position += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            position += 1
            return
        }
        var index = 0
        while true {
            skipWhitespace()
            try element(&self, index)
            index += 1
            guard try continueContainer(closing: UInt8(ascii: "]")) else { return }
        }
    }

    /// Reads the `,` before the next entry (returns true) or the closing bracket (returns false).
    private mutating func continueContainer(closing: UInt8) throws(SyntaxError) -> Bool {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: ","):
            position += 1
            return true
        case closing:
            position += 1
            return false
        default:
            throw error("',' or '\(Character(Unicode.Scalar(closing)))'")
        }
    }

    // MARK: - Values

    mutating func readString() throws(SyntaxError) -> StringToken {
        guard peek == UInt8(ascii: "\""), let base = bytes.baseAddress else { throw error("a string") }
        position += 1
        let start = position
        var isEscaped = false
        var hasEscapes = false
        guard let quote = JSONStringSkipping.closingQuote(
            in: base, from: start, limit: bytes.count, isEscaped: &isEscaped, hasEscapes: &hasEscapes)
        else {
            position = bytes.count
            throw error("'\"' closing a string")
        }
        position = quote + 1
        return StringToken(start: start, count: quote - start, hasEscapes: hasEscapes)
    }

    /// Reads a number and returns its integer part, or nil when it has an exponent or does not fit.
    mutating func readInteger() throws(SyntaxError) -> Int64? {
        let start = position
        if peek == UInt8(ascii: "-") { position += 1 }
        var value: Int64? = 0
        var digits = 0
        while let byte = peek, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            if let current = value {
                let (product, overflowed) = current.multipliedReportingOverflow(by: 10)
                value = overflowed ? nil : product.addingReportingOverflow(Int64(byte - UInt8(ascii: "0"))).partialValue
            }
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw error("a number") }
        var isInteger = true
        while let byte = peek, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39)
        {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { isInteger = false }
            position += 1
        }
        guard isInteger, let value else { return nil }
        return bytes[start] == UInt8(ascii: "-") ? -value : value
    }

    /// Skips one value of any kind.
    mutating func skipValue(depth: Int = 0) throws(SyntaxError) {
        guard depth < JSONValueSplitter.maximumDepth else { throw error("less nesting") }
        skipWhitespace()
        guard let byte = peek else { throw error("a JSON value") }
        switch byte {
        case UInt8(ascii: "{"):
            try readObject { (reader, _) throws(SyntaxError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try readArray { (reader, _) throws(SyntaxError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try readInteger()
        case UInt8(ascii: "t"):
            try readLiteral("true")
        case UInt8(ascii: "f"):
            try readLiteral("false")
        case UInt8(ascii: "n"):
            try readLiteral("null")
        default:
            throw error("a JSON value")
        }
    }

    private mutating func readLiteral(_ literal: StaticString) throws(SyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("\(literal)") }
        for index in 0..<count where bytes[position + index] != literal.utf8Start[index] {
            throw error("\(literal)")
        }
        position += count
    }

    // MARK: - Decoding

    func decodeString(_ token: StringToken) -> String {
        JSONStringDecoding.decode(slice(token.start, token.count), hasEscapes: token.hasEscapes)
    }

    /// Compares a member name with `name`, decoding names that contain escapes first.
    func keyEquals(_ token: StringToken, _ name: StaticString) -> Bool {
        if token.hasEscapes {
            return decodeString(token) == name.description
        }
        guard token.count == name.utf8CodeUnitCount else { return false }
        for index in 0..<token.count where bytes[token.start + index] != name.utf8Start[index] {
            return false
        }
        return true
    }

    /// Reads an object or array and returns its bytes without the whitespace outside strings, so a
    /// pretty-printed value becomes one line.
    mutating func readCompactValue() throws(SyntaxError) -> [UInt8] {
        let start = position
        try skipValue()
        var compact: [UInt8] = []
        compact.reserveCapacity(position - start)
        var inString = false
        var isEscaped = false
        for byte in slice(start, position - start) {
            if inString {
                if isEscaped {
                    isEscaped = false
                } else if byte == UInt8(ascii: "\\") {
                    isEscaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
            {
                continue
            }
            compact.append(byte)
        }
        return compact
    }

    func slice(_ start: Int, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)])
    }
}
