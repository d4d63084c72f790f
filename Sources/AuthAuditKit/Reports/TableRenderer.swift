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
        let header = table.columns.map { Cell(CellText.escapingControlCharacters($0)) }
        // Each cell's text and display width are computed once, for the widths, cutting and padding.
        let cells = table.rows.map { row in row.map { Cell(CellText.escapingControlCharacters(CellText.plain($0))) } }
        let isNumeric = table.columns.indices.map { CellText.isNumericColumn($0, of: table.rows) }
        let headerWidths = header.map(\.width)
        var widths = headerWidths
        for row in cells {
            for (column, cell) in row.enumerated() where cell.width > widths[column] {
                widths[column] = cell.width
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

/// A cell's text as printed and the terminal columns it takes.
private struct Cell {
    var text: String
    var width: Int

    init(_ text: String) {
        self.text = text
        width = DisplayWidth.of(text)
    }
}

/// Column widths and alignment for writing table lines.
private struct Layout {
    var widths: [Int]
    var isNumeric: [Bool]

    /// Writes one line. It is built as UTF-8 bytes: appending padded cells to a `String` took most of
    /// the time of printing a table of 90,000 rows.
    func writeLine(_ cells: [Cell], to output: inout some TextOutputStream) {
        var line: [UInt8] = []
        line.reserveCapacity(widths.reduce(2 * widths.count, +))
        for (column, cell) in cells.enumerated() {
            let width = widths[column]
            let cut = cell.width > width ? truncated(cell.text, to: width) : cell.text
            let padding = width - (cell.width > width ? DisplayWidth.of(cut) : cell.width)
            if column > 0 {
                line.append(contentsOf: [0x20, 0x20])
            }
            if isNumeric[column] {
                line.append(contentsOf: repeatElement(0x20, count: padding))
                line.append(contentsOf: cut.utf8)
            } else {
                line.append(contentsOf: cut.utf8)
                line.append(contentsOf: repeatElement(0x20, count: padding))
            }
        }
        // Blank cells at the end of a line (NULL or padding) would leave trailing spaces.
        while line.last == 0x20 {
            line.removeLast()
        }
        line.append(0x0A)
        output.write(String(decoding: line, as: UTF8.self))
    }

    /// Cuts text wider than `width` columns to `width`, ending it in `…`.
    private func truncated(_ text: String, to width: Int) -> String {
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
