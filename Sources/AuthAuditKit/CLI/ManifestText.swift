/// The table form of a report whose rows carry a Kubernetes manifest: each row's other columns as
/// YAML comments, then the manifest as it is, so the output can be saved and applied.
enum ManifestText {
    static func render(_ table: ResultTable, manifestColumn: Int) -> String {
        var output = ""
        for row in table.rows {
            output += "---\n"
            for (index, column) in table.columns.enumerated() where index != manifestColumn && row[index] != .null {
                output += "# \(column): \(text(row[index]))\n"
            }
            let manifest = text(row[manifestColumn])
            output += manifest.hasPrefix("---\n") ? String(manifest.dropFirst(4)) : manifest
            if !output.hasSuffix("\n") { output += "\n" }
        }
        return output
    }

    private static func text(_ value: SQLiteValue) -> String {
        switch value {
        case .null: ""
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        case .blob(let bytes): "\(bytes.count) bytes"
        }
    }
}
