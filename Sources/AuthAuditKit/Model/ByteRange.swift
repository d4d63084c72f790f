/// A region of a line buffer that holds the contents of a JSON string, without its quotes.
///
/// Scanners record where a value lies and decode it only when a consumer asks for it. `hasEscapes`
/// tells whether the raw bytes contain a backslash escape, so the common case can be copied as-is.
public struct JSONStringRange: Sendable, Equatable {
    /// Offset of the first content byte from the start of the line.
    public var start: Int
    /// Number of raw (still escaped) bytes.
    public var count: Int
    public var hasEscapes: Bool

    public init(start: Int, count: Int, hasEscapes: Bool) {
        self.start = start
        self.count = count
        self.hasEscapes = hasEscapes
    }

    public var end: Int { start + count }
}

/// A region of a line buffer that holds one complete JSON value (object, array, number, literal),
/// brackets and quotes included.
public struct JSONValueRange: Sendable, Equatable {
    public var start: Int
    public var count: Int

    public init(start: Int, count: Int) {
        self.start = start
        self.count = count
    }

    public var end: Int { start + count }
}
