/// Plain-text table output: a header line, a line of dashes, then one line per row, columns separated by
/// two spaces. Numeric columns (every non-NULL value an INTEGER or REAL) are right-aligned, header
/// included; NULL is blank, control characters are escaped, and lines carry no trailing spaces.
public struct TableRenderer: Sendable {
    /// The terminal width to fit, or nil for no limit.
    ///
    /// When the table is wider, the widest text columns are cut to fit, their cells ending in `…`.
    /// Numeric columns are never cut, and no column becomes narrower than its header, so a table with many
    /// columns can still exceed the width.
    public var maximumWidth: Int?

    public init(maximumWidth: Int? = nil) {
        self.maximumWidth = maximumWidth
    }

    public func render(_ table: ResultTable, to output: inout some TextOutputStream) {
        guard !table.columns.isEmpty else { return }
        let header = table.columns.map(CellText.escapingControlCharacters)
        let cells = table.rows.map { row in row.map { CellText.escapingControlCharacters(CellText.plain($0)) } }
        let isNumeric = table.columns.indices.map { CellText.isNumericColumn($0, of: table.rows) }
        let headerWidths = header.map(DisplayWidth.of)
        var widths = headerWidths
        for row in cells {
            for (column, text) in row.enumerated() {
                widths[column] = max(widths[column], DisplayWidth.of(text))
            }
        }
        if let maximumWidth {
            shrink(&widths, toFit: maximumWidth, minimums: headerWidths, isNumeric: isNumeric)
        }

        let layout = Layout(widths: widths, isNumeric: isNumeric)
        layout.writeLine(header, to: &output)
        output.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        for row in cells {
            layout.writeLine(row, to: &output)
        }
    }

    public func render(_ table: ResultTable) -> String {
        var text = ""
        render(table, to: &text)
        return text
    }

    /// Narrows the widest text column by one column at a time until the table fits or nothing can shrink.
    private func shrink(_ widths: inout [Int], toFit maximumWidth: Int, minimums: [Int], isNumeric: [Bool]) {
        let separators = 2 * (widths.count - 1)
        // A cut cell needs room for at least one character and the ellipsis.
        let floors = minimums.map { max($0, 2) }
        var excess = widths.reduce(separators, +) - maximumWidth
        while excess > 0 {
            let candidates = widths.indices.filter { !isNumeric[$0] && widths[$0] > floors[$0] }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
            widths[widest] -= 1
            excess -= 1
        }
    }
}

/// Column widths and alignment for writing table lines.
private struct Layout {
    var widths: [Int]
    var isNumeric: [Bool]

    func writeLine(_ cells: [String], to output: inout some TextOutputStream) {
        var line = ""
        for (column, text) in cells.enumerated() {
            let cut = truncated(text, to: widths[column])
            let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(cut))
            if column > 0 {
                line += "  "
            }
            line += isNumeric[column] ? padding + cut : cut + padding
        }
        // Blank cells at the end of a line (NULL or padding) would leave trailing spaces.
        while line.last == " " {
            line.removeLast()
        }
        output.write(line + "\n")
    }

    /// Cuts the text to `width` columns, ending it in `…`; text that fits is returned unchanged.
    private func truncated(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.prefix(max(width - 1, 0)), as: UTF8.self) + "…"
        }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }
}
