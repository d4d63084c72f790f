/// Escaping of untrusted text for HTML5 documents and the SVG embedded in them.
///
/// The output is also well-formed XML, so the same text can sit in an inline `<svg>`.
enum HTMLText {
    /// Replaces `&`, `<`, `>`, `"` and `'` with character references, so the result is safe in element
    /// content and in quoted attribute values.
    ///
    /// Control characters other than tab and line feed are written as visible escapes (`\x1b`), because
    /// HTML5 and XML 1.0 do not allow them as characters or character references. CR LF and a lone CR
    /// become LF.
    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `escaped(text)` as UTF-8 bytes. Text without control characters, C1 controls or
    /// noncharacters (the usual cell) is escaped byte by byte, without decoding scalars.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        let escapedByBytes =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                // C1 controls start with 0xC2, the formatting characters of `CellText.isControl` with
                // 0xE2, and U+FFFE and U+FFFF with 0xEF in UTF-8.
                guard
                    !bytes.contains(where: {
                        ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF
                    })
                else { return false }
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                    case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                    case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                    case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
                    case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
                    default: output.append(byte)
                    }
                }
                return true
            } ?? false
        if !escapedByBytes {
            output.append(contentsOf: escapedByScalars(text).utf8)
        }
    }

    private static func escapedByScalars(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t": result.unicodeScalars.append(scalar)
            case "\r": result += "\n"
            case "\n":
                if !previousWasCarriageReturn { result += "\n" }
            default:
                if CellText.isControl(scalar) || isNoncharacter(scalar) {
                    result += "\\x" + CellText.hex(bytes(of: scalar))
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Returns whether the scalar is U+FFFE or U+FFFF, which XML 1.0 does not allow. XML allows the other
    /// noncharacters and HTML5 validators only warn about them, so they pass through.
    private static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// Returns the scalar's value as big-endian bytes without leading zero bytes (`1b`, `ff fe`).
    private static func bytes(of scalar: Unicode.Scalar) -> [UInt8] {
        let value = scalar.value
        return value > 0xFF ? [UInt8(value >> 8), UInt8(value & 0xFF)] : [UInt8(value)]
    }
}
