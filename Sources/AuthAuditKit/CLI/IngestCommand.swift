/// `authaudit ingest`: read inputs into the store and print what was stored.
enum IngestCommand: Command {
    static let inputOptions = [
        OptionSpec(
            "max-line-bytes", value: "BYTES",
            help: "Skip lines longer than this, with a diagnostic (default: 64MiB; suffixes KiB, MiB, GiB)."),
        OptionSpec("strict", help: "Stop at the first malformed record or unreadable input."),
        OptionSpec(
            "cluster", value: "NAME",
            help: "The cluster the inputs come from; CloudWatch deliveries name theirs in the log group."),
    ]

    static let spec = CommandSpec(
        name: "ingest",
        abstract: "Read audit logs, authenticator logs and mappings into the store.",
        discussion: """
            Inputs are files, folders (read recursively) and - for standard input. Plain and gzip input
            (several members included) is detected from its bytes, and rotated sets are read oldest first.
            Each file's kind is detected from its content: kube-apiserver audit events (JSON lines or an
            EventList), aws-iam-authenticator logs (text or JSON), aws-auth ConfigMaps, IAMIdentityMapping
            objects and DynamicFile mappings, RBAC dumps, CloudTrail records, Active Directory exports
            (LDIF or PowerShell CSV), SSO assignments and EKS access entries. Reading the same data again
            adds nothing.
            """,
        options: inputOptions + CommonOptions.all,
        positionals: [PositionalSpec("INPUT", repeatable: true, help: "A file, a folder, or - for standard input.")])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
        let options = try ingestOptions(arguments)
        let path = context.databasePath(arguments)
        let store = try AuditStore(path: path)
        let observer = ConsoleObserver(
            isVerbose: arguments.has("verbose"), showsProgress: context.isErrorTerminal && !arguments.has("quiet"))
        let summary = try Ingester(store: store, options: options, observer: observer).run(
            arguments: arguments.positionals)
        if !arguments.has("quiet") {
            Console.out(IngestSummaryRenderer.render(summary, databasePath: path))
        }
        return summary.hasProblems ? .failure : .success
    }

    static func ingestOptions(_ arguments: ParsedArguments) throws(UsageError) -> IngestOptions {
        var options = IngestOptions()
        if let text = arguments.value("max-line-bytes") {
            guard let bytes = ByteSize.parse(text), bytes > 0 else {
                throw .invalidValue(
                    option: "--max-line-bytes", value: text, reason: "expected a size such as 1048576, 512KiB or 64MiB")
            }
            options.maximumLineLength = bytes
        }
        options.isStrict = arguments.has("strict")
        options.cluster = arguments.value("cluster")
        return options
    }
}

/// Sizes written as a number of bytes with an optional binary suffix (`KiB`, `MiB`, `GiB`, or `K`, `M`, `G`).
enum ByteSize {
    static func parse(_ text: String) -> Int? {
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("K", 1 << 10),
            ("M", 1 << 20), ("G", 1 << 30)]
        for (suffix, multiplier) in units where text.hasSuffix(suffix) {
            guard let number = Int(text.dropLast(suffix.count)) else { return nil }
            let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
            return overflow ? nil : product
        }
        return Int(text)
    }
}

/// The summary `ingest` prints to standard output (and `analyze` to standard error).
enum IngestSummaryRenderer {
    static func render(_ summary: IngestSummary, databasePath: String) -> String {
        let added = summary.after.requests - summary.before.requests
        let parts = [
            (summary.auditEvents, count(summary.auditEvents, "audit event")),
            (summary.authenticatorLines, count(summary.authenticatorLines, "authenticator line")),
            (summary.mappingEntries, count(summary.mappingEntries, "mapping entry", "mapping entries")),
            (summary.mappingUpdates, count(summary.mappingUpdates, "aws-auth update") + " in the audit log"),
            (summary.roleAssumptions, count(summary.roleAssumptions, "CloudTrail role assumption")),
            (summary.referenceDocuments, count(summary.referenceDocuments, "directory or assignment file")),
            (summary.rbacObjects, count(summary.rbacObjects, "RBAC object")),
        ].filter { $0.0 > 0 }.map(\.1)
        let firstLine =
            summary.inputsRead == 0 && summary.inputsUnchanged > 0
            ? "Nothing new to read into \(databasePath)."
            : "Read \(count(summary.inputsRead, "input")) (\(count(summary.lines, "line"))) into \(databasePath)."
        var lines = [
            firstLine,
            "  read now      " + (parts.isEmpty ? "nothing new" : parts.joined(separator: ", ")),
            "  in the store  \(count(summary.after.requests, "request")) (\(added) new),"
                + " \(summary.after.forbidden) forbidden (403), \(summary.after.unauthorized) unauthenticated (401),"
                + " \(count(summary.after.identities, "identity", "identities"))",
        ]
        if summary.inputsUnchanged > 0 {
            lines.append("  unchanged     \(count(summary.inputsUnchanged, "input")) read completely before, not read again")
        }
        if summary.hasProblems {
            let skipped = [
                (summary.recordsSkipped, count(summary.recordsSkipped, "record")),
                (summary.inputsSkipped, count(summary.inputsSkipped, "input")),
            ].filter { $0.0 > 0 }.map(\.1)
            let problems = [
                (summary.errors, count(summary.errors, "error")), (summary.warnings, count(summary.warnings, "warning")),
            ].filter { $0.0 > 0 }.map(\.1)
            lines.append(
                "Skipped " + (skipped.isEmpty ? "nothing" : skipped.joined(separator: " and "))
                    + " (" + problems.joined(separator: ", ") + "; see standard error).")
        }
        if let stop = summary.strictStop {
            let place = stop.source + (stop.line.map { ":\($0)" } ?? "")
            lines.append("Stopped at the first error (--strict), \(place); nothing after it was read.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1 input`, `2 inputs`.
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(value) " + (value == 1 ? singular : plural ?? singular + "s")
    }
}
