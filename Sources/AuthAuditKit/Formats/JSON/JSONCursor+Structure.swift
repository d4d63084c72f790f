extension JSONCursor {
    /// Containers nested deeper than this are handed to the validating `skipValue`, which has the
    /// recursion limit. Below it, one bit per level of a `UInt64` records each open container's kind.
    private static let structuralDepthLimit = 64

    /// Steps over the object or array at the cursor by matching its brackets, and returns the
    /// bytes it covers.
    ///
    /// This is for values that are kept whole or not at all: request and response bodies (about a
    /// quarter of the bytes of the benchmark's generated logs) and the `user` object, which is
    /// decoded only when its bytes are new. Their readers parse them in full (the user decoder and
    /// the aws-auth update capture). Here strings are only followed to their closing quote, stepping
    /// over each backslash and the byte after it. Each closing bracket must match its opening one.
    /// A key must be followed by a colon and any other string by a comma or a closing bracket, so a
    /// lost quote is reported where the strings stop pairing up.
    ///
    /// Numbers, literals, escapes and the comma after a closing bracket are not checked, so
    /// `"replicas":tru` and `{"b":{}} []` go unnoticed until the value is read. A value cut off by
    /// the end of the line is an error, with the expectation the validating scan would report.
    mutating func skipContainerByStructure() throws(JSONSyntaxError) -> JSONValueRange {
        skipWhitespace()
        let start = offset
        precondition(
            peek() == ASCIIByte.openBrace || peek() == ASCIIByte.openBracket,
            "structural skip entered off a bracket")
        let base = bytes.baseAddress!
        let count = bytes.count
        // Bit 0 is the innermost open container: 1 for an array, 0 for an object.
        var arrayBits: UInt64 = 0
        var depth = 0
        var position = start
        // Whether the next string is an object key: after `{`, and after `,` inside an object.
        var expectingKey = false

        while position < count {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            position &+= 1
            switch byte {
            case ASCIIByte.quote:
                guard let end = Self.closingQuote(base, from: position, count: count) else {
                    offset = count
                    throw error(.closingQuote)
                }
                position = end &+ 1
                // A colon or comma right after the string is consumed here, which spares the loop a
                // turn. Anything else goes to the check that allows whitespace first.
                let follower = position < count ? base.load(fromByteOffset: position, as: UInt8.self) : 0
                if expectingKey {
                    if follower == ASCIIByte.colon {
                        position &+= 1
                        expectingKey = false
                    } else {
                        try expectFollower(ofKey: true, at: position, arrayBits: arrayBits)
                    }
                } else if follower == ASCIIByte.comma {
                    position &+= 1
                    expectingKey = arrayBits & 1 == 0
                } else if follower != ASCIIByte.closeBrace && follower != ASCIIByte.closeBracket {
                    try expectFollower(ofKey: false, at: position, arrayBits: arrayBits)
                }
            case ASCIIByte.colon:
                expectingKey = false
            case ASCIIByte.comma:
                expectingKey = arrayBits & 1 == 0
            case ASCIIByte.openBrace, ASCIIByte.openBracket:
                guard depth < Self.structuralDepthLimit else {
                    offset = start
                    try skipValue()
                    return JSONValueRange(start: start, count: offset - start)
                }
                arrayBits = arrayBits &<< 1 | (byte == ASCIIByte.openBracket ? 1 : 0)
                depth &+= 1
                expectingKey = byte == ASCIIByte.openBrace
            case ASCIIByte.closeBrace, ASCIIByte.closeBracket:
                guard (arrayBits & 1 == 1) == (byte == ASCIIByte.closeBracket) else {
                    offset = position &- 1
                    throw error(Self.closing(arrayBits))
                }
                arrayBits &>>= 1
                depth &-= 1
                expectingKey = false
                if depth == 0 {
                    offset = position
                    return JSONValueRange(start: start, count: position &- start)
                }
            default:
                break
            }
        }
        offset = count
        throw error(Self.closing(arrayBits))
    }

    /// Checks the first byte after a string, past whitespace: a colon after a key, else a comma or
    /// a closing bracket. Throws with the cursor at that byte, and otherwise leaves the byte for
    /// the caller's loop. The caller handles the case without whitespace itself.
    @inline(never)
    private mutating func expectFollower(ofKey isKey: Bool, at position: Int, arrayBits: UInt64) throws(JSONSyntaxError) {
        offset = position
        skipWhitespace()
        let follower = peek()
        if isKey {
            guard follower == ASCIIByte.colon, !isAtEnd else { throw error(.colon) }
        } else {
            guard follower == ASCIIByte.comma || follower == ASCIIByte.closeBrace
                || follower == ASCIIByte.closeBracket, !isAtEnd
            else { throw error(Self.closing(arrayBits)) }
        }
    }

    /// Returns the offset of the quote that closes a string whose contents start at `position`, or
    /// nil when the buffer ends first. Reads eight bytes at a time and steps over backslash escapes.
    @inline(__always)
    private static func closingQuote(_ base: UnsafeRawPointer, from position: Int, count: Int) -> Int? {
        var position = position
        while true {
            while position &+ 8 <= count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                let special = quoteOrBackslashMask(word)
                if special != 0 {
                    position &+= special.trailingZeroBitCount &>> 3
                    break
                }
                position &+= 8
            }
            guard position < count else { return nil }
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            if byte == ASCIIByte.quote { return position }
            position &+= byte == ASCIIByte.backslash ? 2 : 1
        }
    }

    /// Works as `specialByteMask` does, without flagging control characters.
    @inline(__always)
    private static func quoteOrBackslashMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* UInt64(ASCIIByte.quote))
        let backslashes = word ^ (ones &* UInt64(ASCIIByte.backslash))
        return ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes) & 0x8080_8080_8080_8080
    }

    private static func closing(_ arrayBits: UInt64) -> JSONExpectation {
        arrayBits & 1 == 1 ? .commaOrClosingBracket : .commaOrClosingBrace
    }
}
