/// JSON text for values the store and the renderers write: strings, string lists and maps, SQL values.
public enum JSONText {
    public static func literal(_ value: SQLiteValue) -> String {
        var bytes: [UInt8] = []
        JSONBytes.appendLiteral(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
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
        if clean {
            output += "\""
            output += text
            output += "\""
        } else {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + 16)
            JSONBytes.appendQuoted(text, to: &bytes)
            output += String(decoding: bytes, as: UTF8.self)
        }
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
