/// A `ResultTable` as an HTML `<table>` inside a scroll box, followed by its row count.
///
/// Header and cells are escaped; numeric columns (every non-NULL value an INTEGER or REAL) carry the class
/// `num`, which right-aligns them. NULL is an empty cell, a BLOB its SQL hex literal (`x'0a1b'`), and line
/// breaks in text are kept.
///
/// Cells do not wrap, so a wide table scrolls sideways and keeps ARNs and times on one line. Columns
/// holding prose (text with spaces, longer than `wrappingWidth` display columns, such as response
/// messages) carry the class `wrap` and wrap at spaces.
struct HTMLTableRenderer {
    var wrappingWidth = 60

    func render(_ table: ResultTable, caption: String?) -> String {
        var html = ""
        append(table, caption: caption, to: &html)
        return html
    }

    /// Appends what `render` returns to `html`. A page of a large table is appended in place: each
    /// copy of its tens of megabytes cost a tenth of a second.
    func append(_ table: ResultTable, caption: String?, to html: inout String) {
        guard !table.columns.isEmpty else {
            html += "<p class=\"no-rows\">The statement returned no columns.</p>\n"
            return
        }
        let classes = table.columns.indices.map { columnClass($0, of: table) }
        html += "<div class=\"table-scroll\">\n<table>\n"
        if let caption {
            html += "<caption>\(HTMLText.escaped(caption))</caption>\n"
        }
        html += "<thead>\n<tr>"
        for (column, name) in table.columns.enumerated() {
            html += "<th scope=\"col\"\(classes[column])>\(HTMLText.escaped(name))</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        // The rows are built as UTF-8 bytes: appending interpolated strings took seconds for 90,000 rows.
        var body = TextOutputBuffer()
        let openings = classes.map { "<td\($0)>" }
        for row in table.rows {
            body.append("<tr>")
            for (column, value) in row.enumerated() {
                body.append(openings[column])
                HTMLText.appendEscaped(CellText.plain(value), to: &body.bytes)
                body.append("</td>")
            }
            body.append("</tr>\n")
            body.flushIfFull(to: &html)
        }
        body.flush(to: &html)
        html += "</tbody>\n</table>\n</div>\n"
        html += "<p class=\"row-count\">\(rowCount(table.rows.count))</p>\n"
    }

    /// Returns the class attribute of the column's cells, or the empty string.
    private func columnClass(_ column: Int, of table: ResultTable) -> String {
        if CellText.isNumericColumn(column, of: table.rows) {
            return " class=\"num\""
        }
        let hasLongText = table.rows.contains { row in
            guard case .text(let text) = row[column], text.utf8.count > wrappingWidth else { return false }
            return text.contains(" ") && DisplayWidth.of(text) > wrappingWidth
        }
        return hasLongText ? " class=\"wrap\"" : ""
    }

    private func rowCount(_ count: Int) -> String {
        switch count {
        case 0: "No rows."
        case 1: "1 row."
        default: "\(count) rows."
        }
    }
}
