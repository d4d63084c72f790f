/// A command-line option: its names, whether it takes a value, and its help text.
public struct OptionSpec: Sendable {
    /// Long name without dashes (`since`); the key under which parsed values are stored.
    public var name: String
    /// One-letter alias without the dash (`o` for `-o`), if any.
    public var shortName: Character?
    /// The placeholder shown in help (`TIME`); nil for a flag that takes no value.
    public var valueName: String?
    public var help: String
    /// Whether the option may be given more than once.
    public var isRepeatable: Bool

    public init(
        _ name: String, short: Character? = nil, value: String? = nil, repeatable: Bool = false, help: String
    ) {
        self.name = name
        self.shortName = short
        self.valueName = value
        self.help = help
        self.isRepeatable = repeatable
    }

    public var isFlag: Bool { valueName == nil }
}

/// A positional argument as shown in usage and help.
public struct PositionalSpec: Sendable {
    public var name: String
    public var help: String
    public var isRequired: Bool
    public var isRepeatable: Bool

    public init(_ name: String, required: Bool = true, repeatable: Bool = false, help: String) {
        self.name = name
        self.help = help
        self.isRequired = required
        self.isRepeatable = repeatable
    }
}

/// The shape of one subcommand: what it does, its options and its positional arguments.
public struct CommandSpec: Sendable {
    public var name: String
    public var abstract: String
    public var discussion: String?
    public var options: [OptionSpec]
    public var positionals: [PositionalSpec]
    /// Whether options not in `options` are accepted and kept for the command to check
    /// (the `report` command takes the options that each report's header declares).
    public var acceptsExtraOptions: Bool

    public init(
        name: String, abstract: String, discussion: String? = nil, options: [OptionSpec] = [],
        positionals: [PositionalSpec] = [], acceptsExtraOptions: Bool = false
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.positionals = positionals
        self.acceptsExtraOptions = acceptsExtraOptions
    }

    func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    func option(short: Character) -> OptionSpec? {
        options.first { $0.shortName == short }
    }
}
