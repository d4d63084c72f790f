/// Decoding of RFC 4648 base64 (the standard alphabet), as LDIF writes values after `::`.
enum Base64 {
    /// The decoded bytes, or nil when the text holds a character outside the alphabet, padding
    /// before the end, or a length that no encoder writes. Padding may be left out.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count / 4 * 3)
        var accumulator: UInt32 = 0
        var bitCount = 0
        var padding = 0
        var symbolCount = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let value = sextet(byte) else { return nil }
            symbolCount += 1
            accumulator = accumulator << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
            }
        }
        // One symbol past a complete group carries only 6 bits: no encoder writes that.
        guard symbolCount % 4 != 1, padding <= 2 else { return nil }
        if padding > 0, (symbolCount + padding) % 4 != 0 { return nil }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
