/// What the JSON scanner expected at the place where the input went wrong.
public enum JSONExpectation: Sendable, Equatable {
    /// The start of any value: `{`, `[`, `"`, a digit, `-`, `true`, `false` or `null`.
    case value
    /// A string, the only form an object key may take.
    case objectKey
    case colon
    case commaOrClosingBrace
    case commaOrClosingBracket
    case digit
    case hexDigit
    /// One of `" \ / b f n r t u` after a backslash in a string.
    case escapeCharacter
    /// The closing quote of a string; a raw control character (below U+0020) is not allowed inside.
    case closingQuote
    /// The rest of a `true`, `false` or `null` literal.
    case literal(String)
    /// Nothing but whitespace after the top-level value.
    case endOfInput
    /// An integer without fraction or exponent that fits in 64 bits.
    case integer
    /// A value nested no deeper than this many objects and arrays.
    case nestingDepth(maximum: Int)
}

/// Invalid JSON syntax, located by the byte offset where the scanner stopped.
///
/// `found` is nil when the input ended early. The offset counts from the start of the buffer the
/// scan began on, so for a line it is the 0-based column in bytes.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var offset: Int
    public var expected: JSONExpectation
    public var found: UInt8?

    public init(offset: Int, expected: JSONExpectation, found: UInt8?) {
        self.offset = offset
        self.expected = expected
        self.found = found
    }
}
