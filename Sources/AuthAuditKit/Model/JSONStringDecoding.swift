/// Decoding of JSON string contents (the bytes between the quotes) into Swift strings.
public enum JSONStringDecoding {
    /// Decodes raw string contents. Escapes follow RFC 8259, including surrogate pairs; a lone
    /// surrogate or invalid UTF-8 becomes U+FFFD rather than failing, because a log line with a
    /// bad byte in a user agent must still be stored.
    public static func decode(_ raw: UnsafeRawBufferPointer, hasEscapes: Bool) -> String {
        if !hasEscapes {
            return String(decoding: raw, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.count else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = raw[index + 1]
            index += 2
            guard escape == UInt8(ascii: "u") else {
                output.append(Self.byte(forEscape: escape))
                continue
            }
            var scalar = readHex4(raw, at: index)
            if scalar != nil { index += 4 }
            if let high = scalar, (0xD800...0xDBFF).contains(high) {
                // A high surrogate must be followed by `\uDC00`-`\uDFFF` to form one scalar.
                if index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                    let low = readHex4(raw, at: index + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else {
                    scalar = nil
                }
            } else if let low = scalar, (0xDC00...0xDFFF).contains(low) {
                scalar = nil
            }
            appendUTF8(Unicode.Scalar(scalar ?? 0xFFFD) ?? "\u{FFFD}", to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Returns the byte a one-character escape stands for: `b`, `f`, `n`, `r` and `t` their control
    /// characters, and any other byte (`"`, `\\`, `/`, or leniently anything else) itself.
    static func byte(forEscape escape: UInt8) -> UInt8 {
        switch escape {
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: escape
        }
    }

    /// Reads four hex digits at `start`; nil when there are fewer or one is not a hex digit.
    static func readHex4(_ raw: UnsafeRawBufferPointer, at start: Int) -> UInt32? {
        guard start + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = raw[start + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        output.append(contentsOf: UTF8.encode(scalar)!)
    }
}
