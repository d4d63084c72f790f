/// A GitHub Flavored Markdown pipe table. Numeric columns are right-aligned (`---:`), others use `---`.
///
/// In cells, `\` and `|` are backslash-escaped, CR LF, CR and LF become `<br>` (which GitHub renders as
/// a line break inside a cell), other control characters are escaped visibly, and NULL is blank.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ table: ResultTable, to output: inout some TextOutputStream) {
        guard !table.columns.isEmpty else { return }
        output.write(line(table.columns.map(cell)))
        let alignments = table.columns.indices.map { CellText.isNumericColumn($0, of: table.rows) ? "---:" : "---" }
        output.write(line(alignments))
        for row in table.rows {
            output.write(line(row.map { cell(CellText.plain($0)) }))
        }
    }

    public func render(_ table: ResultTable) -> String {
        var text = ""
        render(table, to: &text)
        return text
    }

    private func line(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |\n"
    }

    private func cell(_ text: String) -> String {
        var escaped = text.replacing("\\", with: "\\\\").replacing("|", with: "\\|")
        escaped = escaped.replacing("\r\n", with: "<br>").replacing("\r", with: "<br>").replacing("\n", with: "<br>")
        return CellText.escapingControlCharacters(escaped)
    }
}
