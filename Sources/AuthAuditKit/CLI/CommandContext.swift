import Foundation

/// The process facts a command uses: environment, paths and whether the streams are terminals.
public struct CommandContext: Sendable {
    public var environment: [String: String]
    public var currentDirectory: String
    public var executablePath: String
    public var isErrorTerminal: Bool
    public var isOutputTerminal: Bool

    public static func current() -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            executablePath: executablePath(),
            isErrorTerminal: Console.isErrorTerminal,
            isOutputTerminal: Console.isOutputTerminal)
    }

    /// Returns the store path: `--db`, else `AUTHAUDIT_DB`, else `./authaudit.db`.
    func databasePath(_ arguments: ParsedArguments) -> String {
        if let path = arguments.value("db") { return path }
        if let path = environment["AUTHAUDIT_DB"], !path.isEmpty { return path }
        return "authaudit.db"
    }

    private static func executablePath() -> String {
        // /proc/self/exe names the running binary even when it was started through a symlink or PATH.
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return CommandLine.arguments.first ?? "authaudit"
    }
}

/// A subcommand: its spec and what it does with parsed arguments.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus
}

/// A command as the dispatcher stores it: its spec and its entry point.
struct CommandEntry: Sendable {
    let spec: CommandSpec
    let run: @Sendable (ParsedArguments, CommandContext) throws -> ExitStatus

    init<C: Command>(_ command: C.Type) {
        spec = C.spec
        run = { arguments, context in try C.run(arguments, context: context) }
    }
}

/// Options every command takes.
enum CommonOptions {
    static let database = OptionSpec(
        "db", value: "FILE", help: "The SQLite store (default: $AUTHAUDIT_DB, else ./authaudit.db).")
    static let help = OptionSpec("help", short: "h", help: "Show help for this command.")
    static let verbose = OptionSpec("verbose", short: "v", help: "Print every diagnostic and each input as it is read.")
    static let quiet = OptionSpec("quiet", short: "q", help: "Print errors only; no progress and no summary.")
    static let format = OptionSpec(
        "format", short: "o", value: "FORMAT", help: "Output format: table, json, csv, markdown or html (default: table).")

    static let all = [database, verbose, quiet, help]
}
