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
        guard Set(table.rows.map { $0[column] }).count <= 1 else { return table }
        var columns = table.columns
        columns.remove(at: column)
        let rows = table.rows.map { row in
            var copy = row
            copy.remove(at: column)
            return copy
        }
        return ResultTable(columns: columns, rows: rows)
    }

    /// Runs a report and returns its rows.
    func table(_ definition: ReportDefinition, values: [String: String]) throws -> ResultTable {
        let bindings = try ReportArguments(values).bindings(
            for: definition, anchor: try anchor(), parseTime: TimestampParser.parse)
        return Self.droppingSingleCluster(try ReportRunner(connection: connection).run(definition, bindings: bindings))
    }

    /// The newest request time in the store: durations such as `7d` count back from it.
    func anchor() throws -> Timestamp? {
        try connection.scalarInteger("SELECT max(received_at) FROM requests").map(Timestamp.init(microseconds:))
    }

    /// Runs a report and writes its rows to standard output in the chosen format.
    func run(_ definition: ReportDefinition, values: [String: String]) throws {
        let bindings = try ReportArguments(values).bindings(
            for: definition, anchor: try anchor(), parseTime: TimestampParser.parse)
        if format == .table || format == .markdown || format == .html {
            // Formats for people drop a `cluster` column that holds one value; JSON and CSV keep it,
            // so their keys stay the same whatever the store holds.
            let table = Self.droppingSingleCluster(try ReportRunner(connection: connection).run(definition, bindings: bindings))
            if format == .table, let manifestColumn = table.columns.firstIndex(of: "manifest") {
                Console.out(ManifestText.render(table, manifestColumn: manifestColumn))
                return
            }
            var writer = ResultWriter(
                format: format, terminalWidth: terminalWidth, title: definition.title ?? definition.name,
                generatedAt: Clock.now(), output: StandardOutputStream())
            writer.begin(columns: table.columns)
            for row in table.rows { writer.append(row: row) }
            writer.end()
            return
        }
        var writer = ResultWriter(
            format: format, terminalWidth: terminalWidth, title: definition.title ?? definition.name,
            generatedAt: Clock.now(), output: StandardOutputStream())
        try ReportRunner(connection: connection).run(definition, bindings: bindings, into: &writer)
    }
}
