extension DocumentNode {
    /// The node as compact JSON text. Plain scalars that YAML resolves to numbers, booleans or null
    /// are written bare; everything else is a JSON string. Mapping keys are written as strings.
    public var jsonText: String {
        var output = ""
        appendJSON(to: &output)
        return output
    }

    private func appendJSON(to output: inout String) {
        switch value {
        case .null:
            output += "null"
        case .scalar(let scalar):
            switch scalar.resolvedKind {
            case .integer, .float, .boolean:
                output += Self.jsonLiteral(scalar) ?? JSONText.quoted(scalar.text)
            case .null:
                output += "null"
            case .string:
                output += JSONText.quoted(scalar.text)
            }
        case .sequence(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.appendJSON(to: &output)
            }
            output += "]"
        case .mapping(let entries):
            output += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { output += "," }
                output += JSONText.quoted(entry.key.scalarText ?? "")
                output += ":"
                entry.value.appendJSON(to: &output)
            }
            output += "}"
        }
    }

    /// The JSON spelling of a YAML number or boolean, or nil when JSON has none (`0x1F`, `.inf`, `yes`).
    private static func jsonLiteral(_ scalar: DocumentScalar) -> String? {
        let text = scalar.text
        switch scalar.resolvedKind {
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "on", "y": return "true"
            case "false", "no", "off", "n": return "false"
            default: return nil
            }
        case .integer:
            return Int64(text).map(String.init)
        case .float:
            return Double(text).flatMap { $0.isFinite ? text : nil }
        default:
            return nil
        }
    }
}
