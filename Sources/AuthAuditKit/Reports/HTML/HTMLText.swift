/// Escaping of untrusted text for HTML5 documents and the SVG embedded in them.
///
/// The output is also well-formed XML, so the same text can sit in an inline `<svg>`.
enum HTMLText {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by character references, safe in element content
    /// and in quoted attribute values.
    ///
    /// Control characters other than tab and line feed are written as visible escapes (`\x1b`), because
    /// HTML5 and XML 1.0 do not allow them as characters or character references. CR LF and a lone CR
    /// become LF.
    static func escaped(_ text: String) -> String {
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

    /// U+FFFE and U+FFFF are not XML 1.0 characters; the other noncharacters are allowed in XML and only
    /// warned about by HTML5 validators, so they pass through.
    private static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// The scalar's value as big-endian bytes without leading zero bytes, so `\x1b` and `\xfffe`.
    private static func bytes(of scalar: Unicode.Scalar) -> [UInt8] {
        let value = scalar.value
        return value > 0xFF ? [UInt8(value >> 8), UInt8(value & 0xFF)] : [UInt8(value)]
    }
}
