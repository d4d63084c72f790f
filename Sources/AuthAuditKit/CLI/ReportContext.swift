import Foundation

/// The state the report-running commands share: the store, the report catalog and the output settings.
struct ReportContext {
    let connection: SQLiteConnection
    let catalog: ReportCatalog
    let format: OutputFormat
    let terminalWidth: Int?

    /// Opens the store read-only and loads the catalog, printing unusable report files as warnings.
    init(arguments: ParsedArguments, context: CommandContext, needsStore: Bool = true) throws {
        // Options are checked first, so a usage error is reported even when the store is missing.
        format = try Self.outputFormat(arguments)
        let path = context.databasePath(arguments)
        if needsStore || FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreMissingError(path: path)
            }
            connection = try AuditStore.openReadOnly(path: path)
        } else {
            connection = try SQLiteConnection(path: ":memory:", mode: .readOnly)
        }
        catalog = Self.loadCatalog(context: context)
        terminalWidth = context.isOutputTerminal ? TerminalWidth.current(environment: context.environment) : nil
    }

    static func loadCatalog(context: CommandContext) -> ReportCatalog {
        let directories = ReportCatalog.defaultDirectories(
            executablePath: context.executablePath, environment: context.environment,
            currentDirectory: context.currentDirectory)
        let catalog = ReportCatalog(directories: directories)
        for problem in catalog.problems {
            Console.error(ErrorRenderer.render(problem).replacingOccurrences(of: "error:", with: "warning:"))
        }
        if directories.isEmpty {
            Console.error(
                "authaudit: warning: no report folder found; install queries/ as <prefix>/share/authaudit/queries"
                    + " or name a folder in AUTHAUDIT_QUERIES")
        }
        return catalog
    }

    static func outputFormat(_ arguments: ParsedArguments) throws(UsageError) -> OutputFormat {
        guard let text = arguments.value("format") else { return .table }
        guard let format = OutputFormat(rawValue: text) else {
            throw .invalidValue(
                option: "--format", value: text,
                reason: "expected one of " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return format
    }

    static func droppingSingleCluster(_ table: ResultTable) -> ResultTable {
        guard let column = table.columns.firstIndex(of: "cluster") else { return table }
        if let first = table.rows.first?[column], !table.rows.allSatisfy({ $0[column] == first }) {
            return table
        }
        var columns = table.columns
        columns.remove(at: column)
        let rows = table.rows.map { row in
            var copy = row
            copy.remove(at: column)
            return copy
        }
        return ResultTable(columns: columns, rows: rows)
    }

    /// Runs a report and returns its rows and the line that names its window, storing the run.
    func table(_ definition: ReportDefinition, values: [String: String]) throws -> (
        table: ResultTable, windowLine: String?
    ) {
        let result = try evaluate(definition, values: values)
        store(result)
        return (Self.droppingSingleCluster(result.table), result.windowLine)
    }

    private static func clusterNames(_ connection: SQLiteConnection) throws -> [String] {
        let statement = try connection.prepare("SELECT name FROM clusters ORDER BY name")
        var names: [String] = []
        while try statement.step() {
            names.append(statement.text(at: 0) ?? "")
        }
        return names
    }

    /// The newest request time in the store: durations such as `7d` and the default window count back from it.
    func anchor() throws -> Timestamp? {
        try connection.scalarInteger("SELECT max(received_at) FROM requests").map(Timestamp.init(microseconds:))
    }

    /// Runs a report, stores the run, and writes its rows to standard output in the chosen format.
    ///
    /// With `sinceLastRun`, it writes the rows that differ from the previous stored run of the same report
    /// and parameters instead, led by a `change` column (see `ReportChanges`).
    func run(_ definition: ReportDefinition, values: [String: String], sinceLastRun: Bool = false) throws {
        let result = try evaluate(definition, values: values)
        var table = result.table
        var changeLine: String?
        if sinceLastRun {
            let previous = try ReportRunStore.latest(
                report: definition.name, parameters: result.run.parameters, on: connection)
            if previous == nil {
                Console.error(
                    "authaudit: note: no earlier run of \(definition.name) with these options is stored,"
                        + " so every row is shown as \((definition.changeRule ?? .wholeRow).added)")
            }
            table = ReportChanges.table(
                current: table, previous: previous?.table, rule: definition.changeRule ?? .wholeRow)
            changeLine = previous.map { ReportWindowText.describeComparison(with: $0) }
            if previous != nil, table.rows.isEmpty {
                Console.error("authaudit: note: no row of \(definition.name) changed since the run it was compared with")
            }
        }
        store(result)
        if let cluster = values["cluster"], result.table.rows.isEmpty {
            let known = try Self.clusterNames(connection)
            if !known.contains(cluster) {
                Console.error(
                    "authaudit: note: the store has no cluster named '\(cluster)'; it contains "
                        + (known.isEmpty ? "no named cluster" : known.map { "'\($0)'" }.joined(separator: ", ")))
            }
        }
        if let user = values["user"], result.table.rows.isEmpty {
            Console.error(
                "authaudit: note: \(definition.name) has no rows for --user \(user);"
                    + " 'authaudit whois \(user)' shows whether the store knows that user")
        }
        try write(table, definition: definition, headerLines: [result.windowLine, changeLine].compactMap { $0 })
    }

    /// A report's rows with its window and the run to store.
    private struct Evaluation {
        var table: ResultTable
        var run: ReportRun
        var windowLine: String?
    }

    private func evaluate(_ definition: ReportDefinition, values: [String: String]) throws -> Evaluation {
        let newest = try anchor()
        var bindings = try ReportArguments(values).bindings(
            for: definition, anchor: newest, parseTime: TimestampParser.parse)
        let window = ReportWindow.apply(to: &bindings, definition: definition, newestRequest: newest)
        if let window, window.start >= window.end {
            // Only --since was given, and it is after the newest stored request.
            throw ReportArgumentError.emptyWindow(
                since: values["since"] ?? TimestampFormatter.format(window.start),
                until: values["until"] ?? TimestampFormatter.format(window.end) + " (just after the newest stored request)")
        }
        let table = try ReportRunner(connection: connection).run(definition, bindings: bindings)
        let run = ReportRun(
            report: definition.name, parameters: ReportRun.comparedParameters(values), window: window,
            ranAt: Clock.now(), table: (definition.changeRule ?? .wholeRow).comparedPart(of: table))
        return Evaluation(table: table, run: run, windowLine: window.map(ReportWindowText.describe))
    }

    /// Stores a run in `report_runs` through a writable connection of its own. A store that cannot be
    /// written (a read-only file or folder, a locked database) gets a note on standard error, and the
    /// report still prints.
    private func store(_ evaluation: Evaluation) {
        do {
            let writable = try SQLiteConnection(path: connection.path, mode: .readWriteCreate)
            try ReportRunStore.save(evaluation.run, on: writable)
        } catch {
            Console.error(
                "authaudit: note: this run of \(evaluation.run.report) was not stored ("
                    + ErrorRenderer.describe(error) + "); a later --since-last-run cannot compare with it")
        }
    }

    private func write(_ result: ResultTable, definition: ReportDefinition, headerLines: [String]) throws {
        // Formats for people drop a `cluster` column that has one value. JSON and CSV keep it, so
        // their keys stay the same whatever the store contains.
        let isForPeople = format == .table || format == .markdown || format == .html
        let table = isForPeople ? Self.droppingSingleCluster(result) : result
        if format == .table, let manifestColumn = table.columns.firstIndex(of: "manifest") {
            let comments = headerLines.map { "# \($0)\n" }.joined()
            Console.out(comments + ManifestText.render(table, manifestColumn: manifestColumn))
            return
        }
        let title = definition.title ?? definition.name
        if format == .html {
            let sections = headerLines.map { HTMLReportPage.Section.paragraph($0) } + [.table(table)]
            Console.out(HTMLReportPage(title: title, generatedAt: Clock.now(), sections: sections).render())
            return
        }
        if (format == .table || format == .markdown) && !headerLines.isEmpty {
            Console.out(headerLines.joined(separator: "\n") + "\n\n")
        }
        var writer = ResultWriter(
            format: format, terminalWidth: terminalWidth, title: title, generatedAt: Clock.now(),
            output: StandardOutputStream())
        table.write(to: &writer)
    }
}

/// The wording of a report's window and of the run that `--since-last-run` compares with.
enum ReportWindowText {
    static func describe(_ window: ReportWindow) -> String {
        let range = "Window: \(TimestampFormatter.format(window.start)) to \(TimestampFormatter.format(window.end))"
        switch (window.isDefaultStart, window.isDefaultEnd) {
        case (true, true):
            return range + " (the 90 days ending at the newest stored request; --since and --until change it)"
        case (false, true):
            return range + " (from --since to just after the newest stored request)"
        case (true, false):
            return range + " (the 90 days before --until)"
        case (false, false):
            return range + " (from --since and --until)"
        }
    }

    static func describeComparison(with previous: ReportRun) -> String {
        var text = "Changes since the run of \(TimestampFormatter.formatSeconds(previous.ranAt))"
        if let window = previous.window {
            text += ", whose window was \(TimestampFormatter.format(window.start))"
                + " to \(TimestampFormatter.format(window.end))"
        }
        return text
    }
}
