/// The text forms of SQLite values shared by the table, CSV and Markdown renderers.
enum CellText {
    /// The value as text: NULL as the empty string, a BLOB as an SQL hex literal (`x'0a1b'`).
    static func plain(_ value: SQLiteValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let number): return String(number)
        case .real(let number): return number.description
        case .text(let text): return text
        case .blob(let bytes): return "x'" + hex(bytes) + "'"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            digits.withUTF8Buffer { digits in
                for (index, byte) in bytes.enumerated() {
                    buffer[2 * index] = digits[Int(byte >> 4)]
                    buffer[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
            }
            return bytes.count * 2
        }
    }

    static func isNumber(_ value: SQLiteValue) -> Bool {
        switch value {
        case .integer, .real: return true
        default: return false
        }
    }

    /// Whether every non-NULL value of the column is a number and at least one is.
    static func isNumericColumn(_ column: Int, of rows: [[SQLiteValue]]) -> Bool {
        var sawNumber = false
        for row in rows {
            let value = row[column]
            if value == .null { continue }
            guard isNumber(value) else { return false }
            sawNumber = true
        }
        return sawNumber
    }

    /// The text with control characters (C0, DEL and C1) and the invisible formatting characters of
    /// `isControl` replaced by visible escapes: `\n`, `\r`, `\t`, else `\x1b` or `\x202e`. Audit data
    /// is untrusted: raw control characters written to a terminal could move the cursor or change
    /// its settings, and a right-to-left override could make one username look like another.
    // NOTE: a literal backslash is not escaped, so the text `\n` and a line feed display the same.
    static func escapingControlCharacters(_ text: String) -> String {
        // C0 and DEL are single bytes in UTF-8, C1 characters start with 0xC2 and the formatting
        // characters with 0xE2, so most cells are cleared by a byte check without decoding scalars.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }),
            text.unicodeScalars.contains(where: isControl)
        else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += visibleEscape(scalar)
            }
        }
        return result
    }

    /// Returns whether the scalar is a C0 or C1 control character, DEL, or an invisible character
    /// that changes how the text around it is shown: the bidirectional marks, embeddings, overrides
    /// and isolates, and the line and paragraph separators.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Returns the scalar's value in hex after `\x`, without leading zero bytes: `\x1b`, `\x202e`.
    static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        let bytes = value > 0xFFFF ? [UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
            : value > 0xFF ? [UInt8(value >> 8), UInt8(value & 0xFF)] : [UInt8(value)]
        return "\\x" + hex(bytes)
    }
}
