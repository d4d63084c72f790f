/// Help text for the program and its commands, written to standard output.
enum HelpText {
    static func overview(commands: [CommandSpec]) -> String {
        var text = """
            authaudit: who was forbidden what, and which grants nobody uses, from Kubernetes audit logs,
            aws-iam-authenticator logs and the aws-auth ConfigMap.

            USAGE: authaudit <command> [options]

            COMMANDS:

            """
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        for command in commands {
            text += "  " + pad(command.name, to: width) + command.abstract + "\n"
        }
        text += """

            Run 'authaudit help <command>' or 'authaudit <command> --help' for a command's options.
            The store is ./authaudit.db unless --db or AUTHAUDIT_DB names another file.
            Exit status: 0 success, 1 failure or skipped input, 64 usage error.

            """
        return text
    }

    static func command(_ spec: CommandSpec) -> String {
        var usage = "USAGE: authaudit \(spec.name) [options]"
        for positional in spec.positionals {
            var name = positional.name + (positional.isRepeatable ? "..." : "")
            if !positional.isRequired { name = "[\(name)]" }
            usage += " " + name
        }
        var text = spec.abstract + "\n\n" + usage + "\n"
        if let discussion = spec.discussion {
            text += "\n" + discussion + "\n"
        }
        if !spec.positionals.isEmpty {
            text += "\nARGUMENTS:\n"
            for positional in spec.positionals {
                text += "  " + pad(positional.name, to: 24) + positional.help + "\n"
            }
        }
        text += "\nOPTIONS:\n"
        for option in spec.options {
            var names = option.shortName.map { "-\($0), " } ?? "    "
            names += "--\(option.name)"
            if let value = option.valueName { names += " \(value)" }
            text += "  " + pad(names, to: 24) + option.help + "\n"
        }
        return text
    }

    /// Pads with spaces to `width`; a longer text gets its help on the next line.
    static func pad(_ text: String, to width: Int) -> String {
        if text.count < width {
            return text + String(repeating: " ", count: width - text.count)
        }
        return text + "\n" + String(repeating: " ", count: width + 2)
    }
}
