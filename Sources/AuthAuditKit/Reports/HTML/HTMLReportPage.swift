/// One self-contained HTML5 page: a title, the time it was generated, then sections of charts and tables.
///
/// The page loads nothing from elsewhere: the stylesheet is inline, charts are inline SVG, and there is
/// no script. Every piece of text from the data is escaped. The markup is also well-formed XML (empty
/// elements are self-closed), so tests and other tools can read it with an XML parser.
///
/// ```swift
/// let page = HTMLReportPage(title: "Forbidden attempts", generatedAt: now, sections: [
///     .chart(TimeSeriesChart(title: "Per day", bucket: .day, points: points)),
///     .chart(BarChart(title: "Per AD group", table: perGroup)),
///     .table(details, caption: "Requests"),
/// ])
/// let html = page.render()
/// ```
public struct HTMLReportPage: Sendable {
    public enum Section: Sendable {
        /// A chart under a heading of its title, with an optional line of text below it.
        case chart(any SVGChart, caption: String? = nil)
        /// A table with an optional caption above it and its row count below it.
        case table(ResultTable, caption: String? = nil)
        /// A second-level heading between sections.
        case heading(String)
        /// A paragraph of plain text.
        case paragraph(String)
    }

    public var title: String
    /// The time the data was read, shown under the title; nil leaves the line out.
    public var generatedAt: Timestamp?
    public var sections: [Section]

    public init(title: String, generatedAt: Timestamp?, sections: [Section]) {
        self.title = title
        self.generatedAt = generatedAt
        self.sections = sections
    }

    public func render() -> String {
        var html = head()
        html += "<body>\n<header>\n<h1>\(HTMLText.escaped(title))</h1>\n"
        if let generatedAt {
            let time = TimestampFormatter.formatSeconds(generatedAt)
            html += "<p class=\"generated\">Generated <time datetime=\"\(time)\">\(time)</time></p>\n"
        }
        html += "</header>\n<main>\n"
        for section in sections {
            append(section, to: &html)
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    private func head() -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            + "<meta name=\"generator\" content=\"authaudit\"/>\n"
            + "<title>\(HTMLText.escaped(title))</title>\n"
            + "<style>\n\(HTMLStyle.css)</style>\n</head>\n"
    }

    private func append(_ section: Section, to html: inout String) {
        switch section {
        case .chart(let chart, let caption):
            html += "<section>\n<h2>\(HTMLText.escaped(chart.title))</h2>\n<figure>\n\(chart.renderSVG())\n"
            if let caption {
                html += "<figcaption>\(HTMLText.escaped(caption))</figcaption>\n"
            }
            html += "</figure>\n</section>\n"
        case .table(let table, let caption):
            html += "<section>\n"
            HTMLTableRenderer().append(table, caption: caption, to: &html)
            html += "</section>\n"
        case .heading(let text):
            html += "<h2>\(HTMLText.escaped(text))</h2>\n"
        case .paragraph(let text):
            html += "<p>\(HTMLText.escaped(text))</p>\n"
        }
    }
}
