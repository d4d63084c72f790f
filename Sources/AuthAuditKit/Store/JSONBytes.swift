/// Appends JSON text for SQL values to a byte buffer without building a `String` per value. `JSONText`
/// uses it for every string that needs escapes, so both give the same text.
///
/// Report output and stored report runs encode every cell of results with up to hundreds of
/// thousands of rows, where `String` concatenation cost more than the query itself.
enum JSONBytes {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as JSON: a number, `null`, or a string (a BLOB as lowercase hex digits).
    static func appendLiteral(_ value: SQLiteValue, to bytes: inout [UInt8]) {
        switch value {
        case .null:
            bytes += nullLiteral
        case .integer(let number):
            bytes += String(number).utf8
        case .real(let number):
            if number.isFinite {
                bytes += number.description.utf8
            } else {
                bytes += nullLiteral
            }
        case .text(let text):
            appendQuoted(text, to: &bytes)
        case .blob(let blob):
            bytes.append(quote)
            for byte in blob {
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            }
            bytes.append(quote)
        }
    }

    /// Appends `text` as a JSON string: `"` and `\` escaped, control characters below U+0020 as the
    /// short escapes or `\u00XX`, everything else as UTF-8.
    static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(quote)
        var text = text
        text.withUTF8 { utf8 in
            var cleanStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == quote || byte == backslash {
                bytes += UnsafeBufferPointer(rebasing: utf8[cleanStart..<index])
                appendEscape(byte, to: &bytes)
                cleanStart = index + 1
            }
            bytes += UnsafeBufferPointer(rebasing: utf8[cleanStart...])
        }
        bytes.append(quote)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let nullLiteral: [UInt8] = Array("null".utf8)

    private static func appendEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(backslash)
        switch byte {
        case quote, backslash: bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes += [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}
