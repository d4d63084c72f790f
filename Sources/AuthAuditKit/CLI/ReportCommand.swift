/// `authaudit report NAME`: run one report from the catalog.
enum ReportCommand: Command {
    static let spec = CommandSpec(
        name: "report",
        abstract: "Run a report on the store.",
        discussion: """
            Reports are SQL files with a header (see 'authaudit reports'). Each parameter a report
            declares is an option: --since, --until, --user, ... Times are RFC 3339
            (2024-05-01T08:00:00Z) or a duration before the newest stored request (90s, 30m, 12h, 7d,
            2w, 1d12h). A report with --since and --until covers, when neither is given, the 90 days
            ending at the newest stored request (not the current time); the table, Markdown and HTML
            output say which window was used. --detail runs the report's -detail form, one row per
            request.

            Every run is stored in the store's report_runs table. --since-last-run prints only what
            differs from the previous stored run of the same report with the same options (--since
            and --until aside), led by a change column: for unused-grants became-unused and
            newly-used, for forbidden new-forbidden and no-longer-forbidden, for least-privilege
            new-suggestion, changed and gone. When the store cannot be written, the run is not stored
            and a note says so on standard error; the report still prints.
            """,
        options: [
            CommonOptions.format,
            OptionSpec("detail", help: "List each request (runs NAME-detail when the catalog has it)."),
            OptionSpec(
                "since-last-run",
                help: "Show only the rows that changed since the previous stored run with the same options."),
        ] + CommonOptions.all,
        positionals: [PositionalSpec("NAME", help: "The report, for example forbidden or authn-failures.")],
        acceptsExtraOptions: true)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
        let reports = try ReportContext(arguments: arguments, context: context)
        var name = arguments.positionals[0]
        if arguments.has("detail") {
            name += "-detail"
            guard (try? reports.catalog.definition(named: name)) != nil else {
                throw UsageError.invalidValue(
                    option: "--detail", value: arguments.positionals[0],
                    reason: "report '\(arguments.positionals[0])' has no detail form (no report named '\(name)')")
            }
        }
        let definition = try reports.catalog.definition(named: name)
        var values: [String: String] = [:]
        for option in arguments.extraOptions {
            guard let parameter = definition.parameter(named: option.name) else {
                let names = definition.parameters.map(\.name)
                throw UsageError.unknownOption(
                    "--\(option.name)", command: "report \(definition.name)",
                    suggestions: Suggestions.closest(to: option.name, among: names).map { "--\($0)" })
            }
            if parameter.type == .flag {
                values[parameter.name] = option.value ?? "true"
            } else {
                guard let value = option.value else { throw UsageError.missingValue(option: "--\(option.name)") }
                values[parameter.name] = value
            }
        }
        try reports.run(definition, values: values, sinceLastRun: arguments.has("since-last-run"))
        return .success
    }
}

/// `authaudit reports`: list the reports the catalog holds.
enum ReportsCommand: Command {
    static let spec = CommandSpec(
        name: "reports",
        abstract: "List the available reports and their parameters.",
        discussion: """
            Reports are read from the built-in queries/ folder, then ~/.config/authaudit/queries
            ($XDG_CONFIG_HOME/authaudit/queries), then each folder in AUTHAUDIT_QUERIES (colon-separated).
            A later report with the same name replaces an earlier one.
            """,
        options: [CommonOptions.format] + CommonOptions.all)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
        let catalog = ReportContext.loadCatalog(context: context)
        let format = try ReportContext.outputFormat(arguments)
        var writer = ResultWriter(
            format: format,
            terminalWidth: context.isOutputTerminal ? TerminalWidth.current(environment: context.environment) : nil,
            output: StandardOutputStream())
        writer.begin(columns: ["name", "headline", "parameters", "description", "path"])
        for definition in catalog.definitions {
            let parameters = definition.parameters.map { "--\($0.name) \($0.type.rawValue.uppercased())" }
            writer.append(row: [
                .text(definition.name), .integer(definition.isHeadline ? 1 : 0),
                .text(parameters.joined(separator: " ")), .text(definition.description), .text(definition.path),
            ])
        }
        writer.end()
        return .success
    }
}

/// `authaudit query SQL`: run read-only SQL on the store.
enum QueryCommand: Command {
    static let spec = CommandSpec(
        name: "query",
        abstract: "Run read-only SQL on the store.",
        discussion: """
            The store is opened read-only and statements that would change it are rejected. Views such as
            request_facts join the names in; iso_time(microseconds) formats the stored times. Give - to read
            the SQL from standard input.
            """,
        options: [CommonOptions.format] + CommonOptions.all,
        positionals: [PositionalSpec("SQL", help: "The SQL text, or - for standard input.")])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
        let reports = try ReportContext(arguments: arguments, context: context)
        var sql = arguments.positionals[0]
        if sql == "-" {
            var lines: [String] = []
            while let line = readLine(strippingNewline: false) { lines.append(line) }
            sql = lines.joined()
        }
        var writer = ResultWriter(format: reports.format, terminalWidth: reports.terminalWidth, output: StandardOutputStream())
        try ReadOnlyQuery.run(sql, on: reports.connection, into: &writer)
        return .success
    }
}
