/// `authaudit analyze`: ingest the inputs, then print every headline report.
enum AnalyzeCommand: Command {
    static let spec = CommandSpec(
        name: "analyze",
        abstract: "Ingest inputs, then print the headline reports (failed authentications, forbidden requests,"
            + " unused grants).",
        discussion: """
            Runs 'ingest' on the inputs and then each report whose header says 'headline: true', in name
            order. The ingest summary and diagnostics go to standard error, the reports to standard output.
            The exit status is 1 when any input or record was skipped, even though the reports ran.
            With --format csv the reports follow each other, each with its own header line and a blank
            line between them; use 'authaudit report NAME --format csv' for one CSV table per file.
            """,
        options: IngestCommand.inputOptions + [
            CommonOptions.format,
            OptionSpec("since", value: "TIME", help: "Only requests at or after this time (RFC 3339 or 7d, 12h, ...)."),
            OptionSpec("until", value: "TIME", help: "Only requests before this time."),
        ] + CommonOptions.all,
        positionals: [PositionalSpec("INPUT", repeatable: true, help: "A file, a folder, or - for standard input.")])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
        let options = try IngestCommand.ingestOptions(arguments)
        _ = try ReportContext.outputFormat(arguments)
        let path = context.databasePath(arguments)
        let summary: IngestSummary
        do {
            let store = try AuditStore(path: path)
            let observer = ConsoleObserver(
                isVerbose: arguments.has("verbose"), showsProgress: context.isErrorTerminal && !arguments.has("quiet"))
            summary = try Ingester(store: store, options: options, observer: observer).run(
                arguments: arguments.positionals)
        }
        if !arguments.has("quiet") {
            Console.error(IngestSummaryRenderer.render(summary, databasePath: path), terminator: "")
        }

        let reports = try ReportContext(arguments: arguments, context: context)
        var values: [String: String] = [:]
        values["since"] = arguments.value("since")
        values["until"] = arguments.value("until")
        let headlines = reports.catalog.definitions.filter(\.isHeadline)
        if reports.format == .html {
            // One page with the charts and every headline report, rather than several pages.
            var sections = try SummaryCharts.sections(reports.connection)
            for definition in headlines {
                let accepted = values.filter { definition.parameter(named: $0.key) != nil }
                let result = try reports.table(definition, values: accepted)
                sections.append(.heading(definition.title ?? definition.name))
                if let windowLine = result.windowLine {
                    sections.append(.paragraph(windowLine))
                }
                sections.append(.table(result.table))
            }
            let page = HTMLReportPage(title: "authaudit summary", generatedAt: Clock.now(), sections: sections)
            Console.out(page.render())
            return summary.hasProblems ? .failure : .success
        }
        // JSON output is one object keyed by report name, so it stays one JSON document.
        if reports.format == .json { Console.out("{\n") }
        for (index, definition) in headlines.enumerated() {
            switch reports.format {
            case .table, .markdown:
                let title = definition.title ?? definition.name
                Console.out((index > 0 ? "\n" : "") + (reports.format == .markdown ? "## " : "") + title + "\n\n")
            case .json:
                Console.out((index > 0 ? ",\n" : "") + JSONText.quoted(definition.name) + ": ")
            case .csv, .html:
                if index > 0 { Console.out("\n") }
            }
            let accepted = values.filter { definition.parameter(named: $0.key) != nil }
            try reports.run(definition, values: accepted)
        }
        if reports.format == .json { Console.out("}\n") }
        return summary.hasProblems ? .failure : .success
    }
}
