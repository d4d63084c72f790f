/// JSON text for values the store and the renderers write: strings, string lists and maps, SQL values.
public enum JSONText {
    public static func literal(_ value: SQLiteValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .real(let number): return number.isFinite ? number.description : "null"
        case .text(let text): return quoted(text)
        case .blob(let bytes): return "\"" + CellText.hex(bytes) + "\""
        }
    }

    /// The text as a JSON string: `"` and `\` escaped, control characters below U+0020 as the short
    /// escapes or `\u00XX`; everything else, non-ASCII included, is written as UTF-8.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20:
                result += "\\u00" + CellText.hex([UInt8(scalar.value)])
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    public static func array(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ",") + "]"
    }

    /// An object with sorted keys, so equal maps give equal text.
    public static func object(_ values: [String: [String]]) -> String {
        let members = values.keys.sorted().map { key in quoted(key) + ":" + array(values[key] ?? []) }
        return "{" + members.joined(separator: ",") + "}"
    }
}
