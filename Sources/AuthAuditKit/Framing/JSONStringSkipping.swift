/// Finding the end of a JSON string eight bytes at a time.
///
/// A word of eight bytes with no quote and no backslash is passed over whole. An envelope carries each
/// log message as one long escaped string, so this costs a few instructions per word rather than per byte.
enum JSONStringSkipping {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Returns a mask with the high bit of each byte of `word` that equals `byte`. Bytes above the lowest
    /// match may be flagged wrongly, so only the lowest set bit is exact.
    @inline(__always)
    static func matchMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highBits
    }

    /// Returns the index of the quote that closes a string whose contents continue at `start`, or nil
    /// when `limit` comes first.
    ///
    /// - Parameters:
    ///   - isEscaped: Whether the byte at `start` follows a backslash; on return, whether the byte at
    ///     `limit` would.
    ///   - hasEscapes: Set to true when a backslash is passed.
    static func closingQuote(
        in base: UnsafeRawPointer, from start: Int, limit: Int, isEscaped: inout Bool, hasEscapes: inout Bool
    ) -> Int? {
        var index = start
        while true {
            if isEscaped {
                guard index < limit else { return nil }
                isEscaped = false
                index += 1
            }
            while index + 8 <= limit {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let special = matchMask(word, UInt8(ascii: "\"")) | matchMask(word, UInt8(ascii: "\\"))
                if special != 0 {
                    index += special.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < limit else { return nil }
            switch base.load(fromByteOffset: index, as: UInt8.self) {
            case UInt8(ascii: "\""):
                return index
            case UInt8(ascii: "\\"):
                hasEscapes = true
                isEscaped = true
            default:
                break
            }
            index += 1
        }
    }
}
