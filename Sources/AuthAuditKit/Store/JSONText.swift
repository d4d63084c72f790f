/// Small JSON writers for values the store keeps as JSON text (group lists, `extra` maps).
public enum JSONText {
    public static func string(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    public static func array(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ",") + "]"
    }

    /// An object with sorted keys, so equal maps give equal text.
    public static func object(_ values: [String: [String]]) -> String {
        let members = values.keys.sorted().map { key in string(key) + ":" + array(values[key] ?? []) }
        return "{" + members.joined(separator: ",") + "}"
    }
}
