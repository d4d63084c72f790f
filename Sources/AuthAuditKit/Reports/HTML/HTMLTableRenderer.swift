/// A `ResultTable` as an HTML `<table>` inside a scroll box, followed by its row count.
///
/// Header and cells are escaped; numeric columns (every non-NULL value an INTEGER or REAL) carry the class
/// `num`, which right-aligns them. NULL is an empty cell, a BLOB its SQL hex literal (`x'0a1b'`), and line
/// breaks in text are kept.
struct HTMLTableRenderer {
    func render(_ table: ResultTable, caption: String?) -> String {
        guard !table.columns.isEmpty else {
            return "<p class=\"no-rows\">The statement returned no columns.</p>\n"
        }
        let isNumeric = table.columns.indices.map { CellText.isNumericColumn($0, of: table.rows) }
        var html = "<div class=\"table-scroll\">\n<table>\n"
        if let caption {
            html += "<caption>\(HTMLText.escaped(caption))</caption>\n"
        }
        html += "<thead>\n<tr>"
        for (column, name) in table.columns.enumerated() {
            html += "<th scope=\"col\"\(classAttribute(isNumeric[column]))>\(HTMLText.escaped(name))</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for (column, value) in row.enumerated() {
                html += "<td\(classAttribute(isNumeric[column]))>\(HTMLText.escaped(CellText.plain(value)))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"
        return html + "<p class=\"row-count\">\(rowCount(table.rows.count))</p>\n"
    }

    private func classAttribute(_ isNumeric: Bool) -> String {
        isNumeric ? " class=\"num\"" : ""
    }

    private func rowCount(_ count: Int) -> String {
        switch count {
        case 0: "No rows."
        case 1: "1 row."
        default: "\(count) rows."
        }
    }
}
