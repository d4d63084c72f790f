/// A GitHub Flavored Markdown pipe table. Numeric columns are right-aligned (`---:`), others use `---`.
///
/// In cells, `\` and `|` are backslash-escaped, and `&`, `<` and `>` become character references,
/// because renderers read cells as HTML. CR LF, CR and LF become `<br>`, a line break inside a cell.
/// Other control characters are escaped visibly, and NULL is blank. Other Markdown characters, such
/// as `*` and `_`, are left as they are.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ table: ResultTable, to output: inout some TextOutputStream) {
        guard !table.columns.isEmpty else { return }
        var text = TextOutputBuffer()
        appendLine(table.columns, to: &text)
        let alignments = table.columns.indices.map { CellText.isNumericColumn($0, of: table.rows) ? "---:" : "---" }
        text.append("| " + alignments.joined(separator: " | ") + " |\n")
        for row in table.rows {
            appendLine(row.map(CellText.plain), to: &text)
            text.flushIfFull(to: &output)
        }
        text.flush(to: &output)
    }

    public func render(_ table: ResultTable) -> String {
        var text = ""
        render(table, to: &text)
        return text
    }

    private func appendLine(_ cells: [String], to text: inout TextOutputBuffer) {
        text.append("| ")
        for (index, cell) in cells.enumerated() {
            if index > 0 { text.append(" | ") }
            appendCell(cell, to: &text)
        }
        text.append(" |\n")
    }

    /// Appends a cell's text with Markdown's special characters, line breaks and control characters
    /// escaped. Most cells contain none and are appended as they are.
    private func appendCell(_ cell: String, to text: inout TextOutputBuffer) {
        let isPlain =
            cell.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.allSatisfy { byte in
                    byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "|")
                        && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
                }
            } ?? false
        if isPlain {
            text.append(cell)
            return
        }
        var escaped = ""
        var afterCarriageReturn = false
        for scalar in cell.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": escaped += "\\\\"
            case "|": escaped += "\\|"
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\r": escaped += "<br>"
            case "\n" where afterCarriageReturn: continue
            case "\n": escaped += "<br>"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        text.append(CellText.escapingControlCharacters(escaped))
    }
}
