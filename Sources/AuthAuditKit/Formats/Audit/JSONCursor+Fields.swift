/// Typed reads of member values for the audit scanners. Each accepts `null` as an absent value
/// and throws `AuditEventScanError.invalidEvent(.unexpectedType…)` naming `field` for any other
/// type mismatch. The cursor is at the value, past whitespace.
extension JSONCursor {
    /// Consumes `null` and returns true, or returns false for any other value.
    mutating func skipNull() throws(JSONSyntaxError) -> Bool {
        guard peek() == ASCIIByte.lowerN else { return false }
        try scanLiteral("null")
        return true
    }

    mutating func optionalString(field: @autoclosure () -> String) throws -> JSONStringRange? {
        if peek() == ASCIIByte.quote, !isAtEnd { return try scanString() }
        if try skipNull() { return nil }
        throw typeMismatch(field: field(), expected: .string)
    }

    mutating func optionalInteger(field: @autoclosure () -> String) throws -> Int? {
        if try skipNull() { return nil }
        let byte = peek()
        guard byte == ASCIIByte.minus || ASCIIByte.isDigit(byte) else {
            throw typeMismatch(field: field(), expected: .integer)
        }
        return try scanInteger()
    }

    /// Reads a timestamp string; `null` and `""` are both absent values.
    mutating func optionalTimestamp(field: @autoclosure () -> String) throws -> Timestamp? {
        let start = offset
        guard let range = try optionalString(field: field()), range.count > 0 else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[range.start..<range.end])
        let parsed: Timestamp?
        if range.hasEscapes {
            parsed = TimestampParser.parse(JSONStringDecoding.decode(raw, hasEscapes: true))
        } else {
            parsed = TimestampParser.parse(raw)
        }
        guard let parsed else {
            throw AuditEventScanError.invalidEvent(.invalidTimestamp(field: field()), offset: start, itemIndex: nil)
        }
        return parsed
    }

    /// Returns true when an object starts at the cursor, false after consuming `null`.
    mutating func enterOptionalObject(field: @autoclosure () -> String) throws -> Bool {
        if peek() == ASCIIByte.openBrace, !isAtEnd { return true }
        if try skipNull() { return false }
        throw typeMismatch(field: field(), expected: .object)
    }

    /// Returns the bytes of an object whose reader decodes it in full later, matching only its
    /// brackets now (see `skipContainerByStructure`).
    mutating func optionalObjectRange(field: @autoclosure () -> String) throws -> JSONValueRange? {
        guard try enterOptionalObject(field: field()) else { return nil }
        return try skipContainerByStructure()
    }

    /// Returns the bytes of a request or response body. An object or array is matched only by its
    /// brackets (see `skipContainerByStructure`), and a body of any other type is validated in full.
    mutating func bodyRange() throws(JSONSyntaxError) -> JSONValueRange {
        let byte = peek()
        if byte == ASCIIByte.openBrace || byte == ASCIIByte.openBracket {
            return try skipContainerByStructure()
        }
        return try scanValueRange()
    }

    mutating func optionalArrayRange(field: @autoclosure () -> String) throws -> JSONValueRange? {
        if peek() == ASCIIByte.openBracket, !isAtEnd { return try scanValueRange() }
        if try skipNull() { return nil }
        throw typeMismatch(field: field(), expected: .array)
    }

    /// Reads the first string of an array of strings and validates the rest.
    mutating func firstString(field: @autoclosure () -> String) throws -> JSONStringRange? {
        if try skipNull() { return nil }
        guard peek() == ASCIIByte.openBracket, !isAtEnd else { throw typeMismatch(field: field(), expected: .array) }
        var first: JSONStringRange?
        try scanArray { cursor, index in
            let element = try cursor.optionalString(field: "\(field())[\(index)]")
            if index == 0 { first = element }
        }
        return first
    }

    /// Builds the error for a value of the wrong type. A value that is not valid JSON either
    /// (including one cut off by the end of the line) is reported as the syntax error it is.
    func typeMismatch(field: String, expected: JSONValueType) -> any Error {
        var probe = self
        do {
            try probe.skipValue()
        } catch {
            return error
        }
        return AuditEventScanError.invalidEvent(
            .unexpectedType(field: field, expected: expected), offset: offset, itemIndex: nil)
    }
}
