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
        var result = ""
        appendQuoted(text, to: &result)
        return result
    }

    /// Appends `text` as a JSON string to `output`, like `quoted(_:)` without the intermediate string.
    public static func appendQuoted(_ text: String, to output: inout String) {
        var text = text
        let clean = text.withUTF8 { bytes in !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
        output += "\""
        if clean {
            output += text
        } else {
            output += escaped(text)
        }
        output += "\""
    }

    private static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
            case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
            case _ where byte < 0x20:
                bytes += Array("\\u00\(CellText.hex([byte]))".utf8)
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
