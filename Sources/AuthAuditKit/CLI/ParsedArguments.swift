/// The options and positional arguments of one command line, checked against a `CommandSpec`.
public struct ParsedArguments: Sendable, Equatable {
    /// Values by option name, in command-line order. A flag has one empty-string value per use.
    public var options: [String: [String]] = [:]
    /// Options not declared by the spec, when the spec accepts them, in command-line order.
    public var extraOptions: [(name: String, value: String?)] = []
    public var positionals: [String] = []

    public init() {}

    public func has(_ name: String) -> Bool {
        options[name] != nil
    }

    /// The last value given for an option.
    public func value(_ name: String) -> String? {
        options[name]?.last
    }

    public func values(_ name: String) -> [String] {
        options[name] ?? []
    }

    public static func == (lhs: ParsedArguments, rhs: ParsedArguments) -> Bool {
        lhs.options == rhs.options && lhs.positionals == rhs.positionals
            && lhs.extraOptions.map(\.name) == rhs.extraOptions.map(\.name)
            && lhs.extraOptions.map(\.value) == rhs.extraOptions.map(\.value)
    }
}

/// A command line that does not fit the command's spec. Exit status 64 (`EX_USAGE`).
public enum UsageError: Error, Sendable, Equatable {
    case unknownCommand(String, suggestions: [String])
    case missingCommand
    case unknownOption(String, command: String, suggestions: [String])
    case missingValue(option: String)
    case unexpectedValue(option: String)
    case repeatedOption(String)
    case missingArgument(String)
    case unexpectedArgument(String)
    case invalidValue(option: String, value: String, reason: String)
    case conflictingOptions(String, String)
}
