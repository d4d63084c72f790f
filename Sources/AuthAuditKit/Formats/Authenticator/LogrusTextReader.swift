/// Reads the `key=value` pairs of a logrus text line (`logrus.TextFormatter`).
///
/// logrus writes a value bare when it contains only `A-Z a-z 0-9 - . _ / @ ^ +`, and otherwise
/// quotes it with Go's `%q` (sirupsen/logrus `text_formatter.go`, `needsQuoting`). An empty value
/// is written as nothing, as in `session= userid=AROA…`.
struct LogrusTextReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    /// Reads the next pair, or returns nil at the end of the line.
    mutating func nextPair() throws(AuthenticatorLineError) -> (key: String, value: String, valueOffset: Int)? {
        while offset < bytes.count, bytes[offset] == ASCIIByte.space { offset += 1 }
        guard offset < bytes.count else { return nil }

        let keyStart = offset
        while offset < bytes.count, bytes[offset] != ASCIIByte.equals, bytes[offset] != ASCIIByte.space {
            offset += 1
        }
        guard offset < bytes.count, bytes[offset] == ASCIIByte.equals, offset > keyStart else {
            throw AuthenticatorLineError(.missingEquals, offset: keyStart)
        }
        let key = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[keyStart..<offset]), as: UTF8.self)
        offset += 1

        let valueStart = offset
        if offset < bytes.count, bytes[offset] == ASCIIByte.quote {
            return (key, try readQuoted(), valueStart)
        }
        while offset < bytes.count, bytes[offset] != ASCIIByte.space { offset += 1 }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<offset]), as: UTF8.self)
        return (key, value, valueStart)
    }

    /// Reads a Go `%q` string at its opening quote: `\a \b \f \n \r \t \v \\ \" \'`, `\xHH`,
    /// `\uHHHH`, `\UHHHHHHHH` and three-digit octal escapes.
    private mutating func readQuoted() throws(AuthenticatorLineError) -> String {
        let opening = offset
        offset += 1
        var output: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == ASCIIByte.quote {
                offset += 1
                return String(decoding: output, as: UTF8.self)
            }
            if byte != ASCIIByte.backslash {
                output.append(byte)
                offset += 1
                continue
            }
            try readEscape(into: &output)
        }
        throw AuthenticatorLineError(.unterminatedQuote, offset: opening)
    }

    private mutating func readEscape(into output: inout [UInt8]) throws(AuthenticatorLineError) {
        let start = offset
        guard offset + 1 < bytes.count else { throw AuthenticatorLineError(.unterminatedQuote, offset: start) }
        let escape = bytes[offset + 1]
        offset += 2
        switch escape {
        case UInt8(ascii: "a"): output.append(0x07)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "v"): output.append(0x0B)
        case ASCIIByte.backslash, ASCIIByte.quote, UInt8(ascii: "'"): output.append(escape)
        case UInt8(ascii: "x"):
            // `\xHH` is a raw byte (Go uses it for invalid UTF-8); it is kept as the byte.
            output.append(UInt8(try readHex(digits: 2, escapeStart: start)))
        case UInt8(ascii: "u"):
            appendScalar(try readHex(digits: 4, escapeStart: start), to: &output)
        case UInt8(ascii: "U"):
            appendScalar(try readHex(digits: 8, escapeStart: start), to: &output)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(escape - ASCIIByte.zero)
            for _ in 0..<2 {
                guard offset < bytes.count, (ASCIIByte.zero...UInt8(ascii: "7")).contains(bytes[offset]) else {
                    throw AuthenticatorLineError(.invalidEscape, offset: start)
                }
                value = value << 3 | UInt32(bytes[offset] - ASCIIByte.zero)
                offset += 1
            }
            guard value <= 0xFF else { throw AuthenticatorLineError(.invalidEscape, offset: start) }
            output.append(UInt8(value))
        default:
            throw AuthenticatorLineError(.invalidEscape, offset: start)
        }
    }

    private mutating func readHex(digits: Int, escapeStart: Int) throws(AuthenticatorLineError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard offset < bytes.count, let digit = ASCIIByte.hexValue(bytes[offset]) else {
                throw AuthenticatorLineError(.invalidEscape, offset: escapeStart)
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        output.append(contentsOf: String(Character(scalar)).utf8)
    }
}
