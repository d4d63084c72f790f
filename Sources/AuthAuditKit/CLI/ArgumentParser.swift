/// Parses command-line arguments against a `CommandSpec`, in the usual POSIX/GNU style.
///
/// Accepted forms: `--name value`, `--name=value`, `-o value`, `-ovalue`, flags `--name` and `-q`,
/// `--` to end options, and a lone `-` as a positional (stdin). Options may follow positionals,
/// as with kubectl.
public enum ArgumentParser {
    public static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false

        while index < arguments.count {
            let argument = arguments[index]
            index += 1

            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }

            let (name, inlineValue, isLong) = split(argument)
            guard let option = isLong ? spec.option(named: name) : spec.option(short: Character(name)) else {
                guard isLong, spec.acceptsExtraOptions else {
                    throw .unknownOption(
                        argument, command: spec.name,
                        suggestions: Suggestions.closest(to: name, among: spec.options.map(\.name)).map { "--\($0)" })
                }
                // Undeclared long option: take a value unless the next argument is another option. A
                // negative number (`-7d`) is a value, so the report can report it as invalid.
                var value = inlineValue
                if value == nil, index < arguments.count, !Self.looksLikeOption(arguments[index]) {
                    value = arguments[index]
                    index += 1
                }
                parsed.extraOptions.append((name: name, value: value))
                continue
            }

            if !option.isRepeatable, parsed.options[option.name] != nil {
                throw .repeatedOption("--\(option.name)")
            }
            if option.isFlag {
                if inlineValue != nil {
                    throw .unexpectedValue(option: "--\(option.name)")
                }
                parsed.options[option.name, default: []].append("")
                continue
            }
            if let inlineValue {
                parsed.options[option.name, default: []].append(inlineValue)
            } else if index < arguments.count {
                parsed.options[option.name, default: []].append(arguments[index])
                index += 1
            } else {
                throw .missingValue(option: isLong ? "--\(option.name)" : "-\(name)")
            }
        }

        try checkPositionals(parsed.positionals, spec: spec)
        return parsed
    }

    /// Splits `--name=value`, `--name`, `-o`, `-ovalue` into name, inline value and whether it was long.
    /// Returns whether an argument is an option: a leading `-` not followed by a digit.
    private static func looksLikeOption(_ argument: String) -> Bool {
        guard argument.hasPrefix("-") else { return false }
        return !(argument.dropFirst().first?.isNumber ?? false)
    }

    private static func split(_ argument: String) -> (String, String?, Bool) {
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                return (String(body[..<equals]), String(body[body.index(after: equals)...]), true)
            }
            return (String(body), nil, true)
        }
        let body = argument.dropFirst()
        let name = String(body.prefix(1))
        let rest = body.dropFirst()
        return (name, rest.isEmpty ? nil : String(rest), false)
    }

    private static func checkPositionals(_ positionals: [String], spec: CommandSpec) throws(UsageError) {
        let required = spec.positionals.filter(\.isRequired)
        if positionals.count < required.count {
            throw .missingArgument(required[positionals.count].name)
        }
        let isOpenEnded = spec.positionals.last?.isRepeatable ?? false
        if !isOpenEnded, positionals.count > spec.positionals.count {
            throw .unexpectedArgument(positionals[spec.positionals.count])
        }
    }
}
