extension JSONCursor {
    /// Skips one value of any type after optional whitespace, validating it without decoding.
    mutating func skipValue() throws(JSONSyntaxError) {
        skipWhitespace()
        switch peek() {
        case ASCIIByte.quote:
            _ = try scanString()
        case ASCIIByte.openBrace:
            try skipObject()
        case ASCIIByte.openBracket:
            try skipArray()
        case ASCIIByte.minus, ASCIIByte.zero...ASCIIByte.nine:
            try scanNumber()
        case ASCIIByte.lowerT:
            try scanLiteral("true")
        case ASCIIByte.lowerF:
            try scanLiteral("false")
        case ASCIIByte.lowerN:
            try scanLiteral("null")
        default:
            throw error(.value)
        }
    }

    /// Skips one value and returns the bytes it covers, brackets and quotes included.
    mutating func scanValueRange() throws(JSONSyntaxError) -> JSONValueRange {
        skipWhitespace()
        let start = offset
        try skipValue()
        return JSONValueRange(start: start, count: offset - start)
    }

    /// Scans an object at `{` after optional whitespace, calling `member` once per key with the
    /// cursor before the value. `member` must consume exactly that value.
    mutating func scanObject(_ member: (inout JSONCursor, JSONStringRange) throws -> Void) throws {
        try openContainer(ASCIIByte.openBrace)
        if try closeContainer(ASCIIByte.closeBrace) { return }
        while true {
            let key = try scanKey()
            try member(&self, key)
            guard try continueContainer(ASCIIByte.closeBrace, .commaOrClosingBrace) else { return }
        }
    }

    /// Scans an array at `[` after optional whitespace, calling `element` with each element's
    /// 0-based index and the cursor before the element. `element` must consume exactly that value.
    mutating func scanArray(_ element: (inout JSONCursor, Int) throws -> Void) throws {
        try openContainer(ASCIIByte.openBracket)
        if try closeContainer(ASCIIByte.closeBracket) { return }
        var index = 0
        while true {
            skipWhitespace()
            try element(&self, index)
            index += 1
            guard try continueContainer(ASCIIByte.closeBracket, .commaOrClosingBracket) else { return }
        }
    }

    /// The object production of `skipValue`: the same loop as `scanObject` without a closure, so
    /// that skipping request and response bodies stays a tight recursion.
    private mutating func skipObject() throws(JSONSyntaxError) {
        try openContainer(ASCIIByte.openBrace)
        if try closeContainer(ASCIIByte.closeBrace) { return }
        while true {
            _ = try scanKey()
            try skipValue()
            guard try continueContainer(ASCIIByte.closeBrace, .commaOrClosingBrace) else { return }
        }
    }

    private mutating func skipArray() throws(JSONSyntaxError) {
        try openContainer(ASCIIByte.openBracket)
        if try closeContainer(ASCIIByte.closeBracket) { return }
        while true {
            try skipValue()
            guard try continueContainer(ASCIIByte.closeBracket, .commaOrClosingBracket) else { return }
        }
    }

    /// Scans a member's key and the colon after it, leaving the cursor before the value.
    @inline(__always)
    private mutating func scanKey() throws(JSONSyntaxError) -> JSONStringRange {
        skipWhitespace()
        guard peek() == ASCIIByte.quote, !isAtEnd else { throw error(.objectKey) }
        let key = try scanString()
        try expect(ASCIIByte.colon, .colon)
        skipWhitespace()
        return key
    }

    @inline(__always)
    private mutating func openContainer(_ opening: UInt8) throws(JSONSyntaxError) {
        skipWhitespace()
        precondition(peek() == opening && !isAtEnd, "container scan entered off its opening bracket")
        guard depth < Self.maximumDepth else { throw error(.nestingDepth(maximum: Self.maximumDepth)) }
        depth += 1
        offset += 1
    }

    /// Consumes the closing bracket of an empty container and returns true, or returns false.
    @inline(__always)
    private mutating func closeContainer(_ closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard peek() == closing, !isAtEnd else { return false }
        offset += 1
        depth -= 1
        return true
    }

    /// Consumes the comma before another member or element and returns true, or consumes the
    /// closing bracket and returns false.
    @inline(__always)
    private mutating func continueContainer(
        _ closing: UInt8, _ expected: JSONExpectation
    ) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        let byte = peek()
        guard !isAtEnd else { throw error(expected) }
        if byte == ASCIIByte.comma {
            offset += 1
            return true
        }
        if byte == closing {
            offset += 1
            depth -= 1
            return false
        }
        throw error(expected)
    }

    /// Validates a number against the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func scanNumber() throws(JSONSyntaxError) {
        if peek() == ASCIIByte.minus { offset += 1 }
        switch peek() {
        case ASCIIByte.zero:
            offset += 1
        case ASCIIByte.one...ASCIIByte.nine:
            skipDigits()
        default:
            throw error(.digit)
        }
        if peek() == ASCIIByte.period {
            offset += 1
            guard ASCIIByte.isDigit(peek()) else { throw error(.digit) }
            skipDigits()
        }
        if peek() | 0x20 == ASCIIByte.lowerE {
            offset += 1
            if peek() == ASCIIByte.plus || peek() == ASCIIByte.minus { offset += 1 }
            guard ASCIIByte.isDigit(peek()) else { throw error(.digit) }
            skipDigits()
        }
    }

    /// Parses an integer value such as an HTTP status code. Fractions, exponents and values
    /// beyond 18 digits are rejected rather than rounded.
    mutating func scanInteger() throws(JSONSyntaxError) -> Int {
        skipWhitespace()
        let start = offset
        let negative = peek() == ASCIIByte.minus
        if negative { offset += 1 }
        guard ASCIIByte.isDigit(peek()) else {
            throw error(.integer, at: start)
        }
        var value = 0
        var digits = 0
        while ASCIIByte.isDigit(peek()) {
            value = value * 10 + Int(peek() - ASCIIByte.zero)
            digits += 1
            offset += 1
        }
        let byte = peek()
        if digits > 18 || byte == ASCIIByte.period || byte | 0x20 == ASCIIByte.lowerE
            || (digits > 1 && bytes[negative ? start + 1 : start] == ASCIIByte.zero)
        {
            throw error(.integer, at: start)
        }
        return negative ? -value : value
    }

    /// Scans `true`, `false` or `null`, whose first byte the caller has already matched.
    mutating func scanLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for index in 0..<expected.count {
            guard peek() == expected[index], !isAtEnd else {
                throw error(.literal(literal.description))
            }
            offset += 1
        }
    }

    private mutating func skipDigits() {
        while ASCIIByte.isDigit(peek()) { offset += 1 }
    }
}

extension JSONCursor {
    /// Checks that only whitespace follows the top-level value.
    mutating func expectEndOfInput() throws(JSONSyntaxError) {
        skipWhitespace()
        guard isAtEnd else { throw error(.endOfInput) }
    }
}
