extension JSONCursor {
    /// Scans a string starting at its opening quote and returns where its contents lie.
    ///
    /// Escapes are validated but not decoded. Bytes at or above 0x80 are accepted as they are,
    /// so invalid UTF-8 inside a string is kept for `JSONStringDecoding` to replace with U+FFFD.
    /// Long strings (request bodies, certificates) are skipped eight bytes at a time: a word with
    /// no quote, backslash or control character needs no closer look.
    mutating func scanString() throws(JSONSyntaxError) -> JSONStringRange {
        precondition(peek() == ASCIIByte.quote, "scanString entered off a quote")
        let start = offset + 1
        var position = start
        var hasEscapes = false
        let count = bytes.count
        // The word loop keeps its position in a local and steps with wrapping arithmetic: writing
        // `offset` back and checking for overflow on every word cost a third of its instructions.
        // `position + 8 <= count` cannot overflow, as a buffer is never near `Int.max` bytes long.
        let base = bytes.baseAddress!

        while true {
            while position &+ 8 <= count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                let special = Self.specialByteMask(word)
                if special != 0 {
                    position &+= special.trailingZeroBitCount &>> 3
                    break
                }
                position &+= 8
            }
            guard position < count else {
                offset = position
                throw error(.closingQuote)
            }

            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            if byte == ASCIIByte.quote {
                offset = position &+ 1
                return JSONStringRange(start: start, count: position &- start, hasEscapes: hasEscapes)
            } else if byte == ASCIIByte.backslash {
                hasEscapes = true
                offset = position
                try scanEscape()
                position = offset
            } else if byte < ASCIIByte.space {
                offset = position
                throw error(.closingQuote)
            } else {
                position &+= 1
            }
        }
    }

    /// Validates one escape sequence at a backslash and steps past it.
    private mutating func scanEscape() throws(JSONSyntaxError) {
        offset += 1
        switch peek() {
        case ASCIIByte.quote, ASCIIByte.backslash, ASCIIByte.slash, ASCIIByte.lowerB, ASCIIByte.lowerF,
            ASCIIByte.lowerN, ASCIIByte.lowerR, ASCIIByte.lowerT:
            offset += 1
        case ASCIIByte.lowerU:
            offset += 1
            for _ in 0..<4 {
                guard ASCIIByte.isHexDigit(peek()) else { throw error(.hexDigit) }
                offset += 1
            }
        default:
            throw error(.escapeCharacter)
        }
    }

    /// A mask with the high bit set in the lowest byte of `word` that is a quote, a backslash or a
    /// control character. Bytes above the first match may be flagged falsely by the borrow of the
    /// subtraction, which is why callers only use the lowest set bit of a word loaded little-endian.
    @inline(__always)
    static func specialByteMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(ASCIIByte.quote))
        let backslashes = word ^ (ones &* UInt64(ASCIIByte.backslash))
        let isQuote = (quotes &- ones) & ~quotes
        let isBackslash = (backslashes &- ones) & ~backslashes
        let isControl = (word &- ones &* UInt64(ASCIIByte.space)) & ~word
        return (isQuote | isBackslash | isControl) & highBits
    }
}
