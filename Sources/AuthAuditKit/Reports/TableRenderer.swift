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
        let header = table.columns.map(Cell.init(text:))
        let isNumeric = table.columns.indices.map { CellText.isNumericColumn($0, of: table.rows) }
        let headerWidths = header.map(\.width)
        // Cells are made again for printing rather than kept for every row, which spares a second
        // copy of every text of a large table.
        var widths = headerWidths
        for row in table.rows {
            for (column, value) in row.enumerated() {
                widths[column] = max(widths[column], Cell(value: value).width)
            }
        }
        if let maximumWidth {
            shrink(&widths, toFit: maximumWidth, minimums: headerWidths, isNumeric: isNumeric)
        }

        let layout = Layout(widths: widths, isNumeric: isNumeric)
        var text = TextOutputBuffer()
        layout.appendLine(header, to: &text.bytes)
        text.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        for row in table.rows {
            layout.appendLine(row.map(Cell.init(value:)), to: &text.bytes)
            text.flushIfFull(to: &output)
        }
        text.flush(to: &output)
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

    init(text: String) {
        if Self.isPrintableASCII(text) {
            self.text = text
            width = text.utf8.count
        } else {
            self.text = CellText.escapingControlCharacters(text)
            width = DisplayWidth.of(self.text)
        }
    }

    init(value: SQLiteValue) {
        self.init(text: CellText.plain(value))
    }

    /// Returns whether every byte is printable ASCII, as in most cells: nothing to escape, one column a byte.
    private static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        } ?? false
    }
}

/// Column widths and alignment for writing table lines.
private struct Layout {
    var widths: [Int]
    var isNumeric: [Bool]

    /// Appends one line as UTF-8 bytes: appending padded cells to a `String` took most of the time of
    /// printing a table of 90,000 rows.
    func appendLine(_ cells: [Cell], to line: inout [UInt8]) {
        let lineStart = line.count
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
        while line.count > lineStart, line.last == 0x20 {
            line.removeLast()
        }
        line.append(0x0A)
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
