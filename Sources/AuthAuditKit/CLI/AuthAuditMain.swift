import Glibc

/// Entry point of the `authaudit` executable: parses the command line and dispatches.
public enum AuthAuditMain {
    static let version = "0.1.0"

    static let commands: [CommandEntry] = [
        CommandEntry(AnalyzeCommand.self), CommandEntry(IngestCommand.self), CommandEntry(ReportCommand.self),
        CommandEntry(ReportsCommand.self), CommandEntry(QueryCommand.self), CommandEntry(WhoisCommand.self),
        CommandEntry(LintMappingCommand.self), CommandEntry(TailCommand.self),
    ]

    /// Runs the command line of this process and exits with its status.
    public static func run() -> Never {
        let status = execute(Array(CommandLine.arguments.dropFirst()), context: .current())
        Console.flush()
        exit(status.rawValue)
    }

    /// Runs one command line (without the program name) and returns the exit status.
    public static func execute(_ arguments: [String], context: CommandContext) -> ExitStatus {
        guard let name = arguments.first else {
            Console.out(HelpText.overview(commands: commands.map(\.spec)))
            return .usage
        }
        switch name {
        case "-h", "--help", "help":
            guard arguments.count > 1, arguments[1] != "help" else {
                Console.out(HelpText.overview(commands: commands.map(\.spec)))
                return .success
            }
            guard let command = command(named: arguments[1]) else {
                let names = commands.map(\.spec.name)
                return fail(
                    UsageError.unknownCommand(arguments[1], suggestions: Suggestions.closest(to: arguments[1], among: names)))
            }
            Console.out(HelpText.command(command.spec))
            return .success
        case "--version", "version":
            Console.out("authaudit \(version)\n")
            return .success
        default:
            break
        }

        guard let command = command(named: name) else {
            let names = commands.map(\.spec.name)
            return fail(UsageError.unknownCommand(name, suggestions: Suggestions.closest(to: name, among: names)))
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Console.out(HelpText.command(command.spec))
            return .success
        }
        do {
            let parsed = try ArgumentParser.parse(rest, spec: command.spec)
            return try command.run(parsed, context)
        } catch {
            return fail(error, command: command.spec)
        }
    }

    private static func command(named name: String) -> CommandEntry? {
        commands.first { $0.spec.name == name }
    }

    private static func fail(_ error: any Error, command: CommandSpec? = nil) -> ExitStatus {
        Console.error(ErrorRenderer.render(error))
        // Wrong report options and a repeated `-` are mistakes in the command line too. A report name
        // that is not in the catalog is a lookup failure (1), like kubectl's unknown resource type.
        if error is UsageError || error is ReportArgumentError || error is InputDiscoveryError {
            let hint = command.map { "authaudit \($0.name) --help" } ?? "authaudit --help"
            Console.error("See '\(hint)'.")
            return .usage
        }
        return .failure
    }
}
