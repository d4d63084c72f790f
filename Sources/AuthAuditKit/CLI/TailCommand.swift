/// `authaudit tail`: follow audit and authenticator logs, store each line, print each request as it completes.
enum TailCommand: Command {
    static let spec = CommandSpec(
        name: "tail",
        abstract: "Follow audit and authenticator logs into the store and print each request as it completes.",
        discussion: """
            Follows files and folders (new files in a folder are picked up; subfolders are not walked) and
            - for standard input, such as 'kubectl logs -f ... | authaudit tail -' or the text output of
            'aws logs tail --follow'. Rotation by rename (audit.log -> audit-<time>.log), a rotated copy
            compressed later (.gz), copytruncate and deleted files are handled; a partial last line waits
            for its newline. inotify wakes the command when a file changes; it also polls every 250 ms.

            Every line is stored as 'ingest' stores it. Each file's read offset is committed in the same
            transaction as the rows read from it, so a restart, even after kill -9, resumes where the last
            commit ended: nothing lost, nothing stored twice. Standard input has no checkpoint.

            A request is printed once, when the first event of its auditID with a response code is stored
            (usually ResponseComplete). Requests already in the store, from 'ingest' or an earlier run, are
            not printed again. Authenticator 'access denied' lines are printed as authentication-failed.

            Files never seen before start at the beginning (--from-start, the default), because the
            store should hold every request and requests already stored are not printed twice; use
            --from-end to skip what the files hold now. Files that appear while tail runs, such as a new
            audit.log after rotation, are always read from the start.

            A line that cannot be read is skipped with a diagnostic, FILE:LINE: error: REASON, on standard
            error and in the diagnostics table; after a restart from a checkpoint the line number is not
            known and FILE:@OFFSET names the byte offset instead. A line longer than --max-line-bytes gets a
            warning and is skipped too. The unfinished last line of standard input is read as a line at the
            end of input and at SIGINT or SIGTERM. SIGINT and SIGTERM commit and exit with status 0, or 1 when any line,
            gzip data or path was skipped. A path that does not exist yet is waited for
            with a warning. SIGHUP reads the --mapping inputs again and
            reloads the identity mappings from the store.
            """,
        options: [
            OptionSpec("from-start", help: "Read files never seen before from the beginning (the default)."),
            OptionSpec("from-end", help: "Read files never seen before from their end: only lines added later."),
            OptionSpec("forbidden", help: "Print only 403s and failed authentications (401, authenticator denials)."),
            OptionSpec("user", value: "NAME", repeatable: true, help: "Print only requests of this username or person."),
            OptionSpec(
                "group", value: "GROUP", repeatable: true,
                help: "Print only requests of users in this Kubernetes or directory group."),
            OptionSpec("namespace", value: "NAME", repeatable: true, help: "Print only requests in this namespace."),
            OptionSpec(
                "format", short: "o", value: "FORMAT",
                help: "Output format: text (columns) or json (one object per line) (default: text)."),
            OptionSpec(
                "mapping", value: "PATH", repeatable: true,
                help: "An aws-auth ConfigMap, access entries, directory export, SSO assignments, CloudTrail or"
                    + " authenticator log to read into the store before following, and again on SIGHUP."),
        ] + IngestCommand.inputOptions.filter { $0.name != "strict" } + CommonOptions.all,
        positionals: [
            PositionalSpec("PATH", repeatable: true, help: "A file or folder to follow, or - for standard input.")
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
        let settings = try settings(arguments, context: context)
        let path = context.databasePath(arguments)
        let store = try AuditStore(path: path)
        // A mapping input that cannot be read or has malformed records makes the exit status 1, as in ingest.
        var mappingsSkipped = false
        let readMappings = {
            guard !settings.mappingInputs.isEmpty else { return }
            var options = IngestOptions()
            options.maximumLineLength = settings.maximumLineLength
            let observer = ConsoleObserver(isVerbose: settings.isVerbose, showsProgress: false)
            let summary = try Ingester(store: store, options: options, observer: observer)
                .run(arguments: settings.mappingInputs)
            if summary.hasProblems {
                mappingsSkipped = true
            }
        }
        try readMappings()

        let lookup = try TailIdentityLookup(store: store)
        let session = try TailSession(store: store, settings: settings, lookup: lookup)

        if !arguments.has("quiet") {
            let inputs = settings.paths + (settings.readsStandardInput ? ["-"] : [])
            Console.error("authaudit tail: following \(inputs.joined(separator: " ")) into \(path)")
        }
        let hasUnusablePaths = try TailPathCheck.check(settings.paths, store: store)
        try session.run(reload: readMappings)

        // Identities first seen while following are resolved now, as at the end of an ingest, so that
        // reports and whois on this store name their roles and people.
        _ = try DerivedTables.refresh(store: store)

        if !arguments.has("quiet") {
            let count = IngestSummaryRenderer.count
            Console.error(
                "authaudit tail: stopped after \(count(session.linesRead, "line", nil))"
                    + " (\(session.linesSkipped) skipped); printed \(count(session.requestsPrinted, "request", nil))"
                    + (hasUnusablePaths || mappingsSkipped ? "; some inputs could not be read, see the errors above" : ""))
        }
        // As for ingest, the status shows that input was skipped: each skipped line or path has a diagnostic.
        return session.linesSkipped > 0 || hasUnusablePaths || mappingsSkipped ? .failure : .success
    }

    static func settings(_ arguments: ParsedArguments, context: CommandContext) throws -> TailSettings {
        var settings = TailSettings()
        let ingestOptions = try IngestCommand.ingestOptions(arguments)
        settings.maximumLineLength = ingestOptions.maximumLineLength
        settings.cluster = ingestOptions.cluster
        if arguments.has("from-start") && arguments.has("from-end") {
            throw UsageError.conflictingOptions("--from-start", "--from-end")
        }
        settings.startPosition = arguments.has("from-end") ? .end : .beginning

        let standardInputCount = arguments.positionals.filter { $0 == "-" }.count
        guard standardInputCount <= 1 else {
            throw InputDiscoveryError.standardInputRepeated
        }
        settings.readsStandardInput = standardInputCount == 1
        settings.paths = arguments.positionals.filter { $0 != "-" }
        guard !settings.paths.isEmpty || settings.readsStandardInput else {
            throw UsageError.missingArgument("PATH")
        }

        settings.filter.onlyFailures = arguments.has("forbidden")
        settings.filter.users = Set(arguments.values("user"))
        settings.filter.groups = Set(arguments.values("group"))
        settings.filter.namespaces = Set(arguments.values("namespace"))
        let format = arguments.value("format") ?? "text"
        guard let parsed = TailRenderer.Format(rawValue: format) else {
            throw UsageError.invalidValue(option: "--format", value: format, reason: "expected text or json")
        }
        settings.format = parsed
        let noColor = context.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        settings.usesColor = parsed == .text && context.isOutputTerminal && !noColor
        settings.mappingInputs = arguments.values("mapping")
        settings.isVerbose = arguments.has("verbose")
        return settings
    }
}
