/// The output formats of `report` and `query`, named as users type them after `--format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table
    case json
    case csv
    case markdown
    case html

    /// Whether the format writes each row as it arrives; the others need every row first to size or
    /// align columns.
    public var isStreaming: Bool {
        switch self {
        case .json, .csv: true
        case .table, .markdown, .html: false
        }
    }
}

/// Writes a result in any `OutputFormat`: as rows arrive for JSON and CSV, and at `end()` for the table,
/// Markdown and HTML, which hold the rows until then.
public struct ResultWriter<Output: TextOutputStream>: ResultSink {
    private enum State {
        case json(JSONResultWriter<Output>)
        case csv(CSVResultWriter<Output>)
        case buffered(ResultTable, Output)
    }

    public let format: OutputFormat
    /// The width a table must fit, or nil for no limit; only the table format uses it.
    public let terminalWidth: Int?
    /// The page title and generation time; only the HTML format uses them.
    public let title: String
    public let generatedAt: Timestamp?
    private var state: State

    public init(
        format: OutputFormat, terminalWidth: Int? = nil, title: String = "authaudit report",
        generatedAt: Timestamp? = nil, output: Output
    ) {
        self.format = format
        self.terminalWidth = terminalWidth
        self.title = title
        self.generatedAt = generatedAt
        switch format {
        case .json: state = .json(JSONResultWriter(output: output))
        case .csv: state = .csv(CSVResultWriter(output: output))
        case .table, .markdown, .html: state = .buffered(ResultTable(columns: []), output)
        }
    }

    /// The output, with everything written so far.
    public var output: Output {
        switch state {
        case .json(let writer): writer.output
        case .csv(let writer): writer.output
        case .buffered(_, let output): output
        }
    }

    public mutating func begin(columns: [String]) {
        switch state {
        case .json(var writer):
            writer.begin(columns: columns)
            state = .json(writer)
        case .csv(var writer):
            writer.begin(columns: columns)
            state = .csv(writer)
        case .buffered(var table, let output):
            table.begin(columns: columns)
            state = .buffered(table, output)
        }
    }

    public mutating func append(row: [SQLiteValue]) {
        switch state {
        case .json(var writer):
            writer.append(row: row)
            state = .json(writer)
        case .csv(var writer):
            writer.append(row: row)
            state = .csv(writer)
        case .buffered(var table, let output):
            // Drop the enum's copy first so the append does not copy every row buffered so far.
            state = .buffered(ResultTable(columns: []), output)
            table.append(row: row)
            state = .buffered(table, output)
        }
    }

    public mutating func end() {
        switch state {
        case .json(var writer):
            writer.end()
            state = .json(writer)
        case .csv(var writer):
            writer.end()
            state = .csv(writer)
        case .buffered(let table, var output):
            switch format {
            case .markdown:
                MarkdownRenderer().render(table, to: &output)
            case .html:
                output.write(HTMLReportPage(title: title, generatedAt: generatedAt, sections: [.table(table)]).render())
            case .table, .json, .csv:
                // Only the table reaches here: JSON and CSV never buffer.
                TableRenderer(maximumWidth: terminalWidth).render(table, to: &output)
            }
            state = .buffered(ResultTable(columns: []), output)
        }
    }
}

extension ResultTable {
    /// The table in `format`, as one string.
    public func rendered(as format: OutputFormat, terminalWidth: Int? = nil) -> String {
        var writer = ResultWriter(format: format, terminalWidth: terminalWidth, output: "")
        write(to: &writer)
        return writer.output
    }
}
