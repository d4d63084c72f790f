import Foundation

/// `authaudit lint-mapping FILE`: problems in an aws-auth ConfigMap or IAMIdentityMapping file.
enum LintMappingCommand: Command {
    static let spec = CommandSpec(
        name: "lint-mapping",
        abstract: "Find problems in an aws-auth ConfigMap: entries that never match, duplicates, ambiguous usernames.",
        discussion: """
            Reads FILE (YAML or JSON; a ConfigMap, a List, IAMIdentityMapping objects or a DynamicFile) and
            prints one line per finding: FILE:LINE: severity: message [rule]. When the store exists, two
            more checks use it: groups that no RBAC binding in the store mentions, and {{SessionName}}
            templates for roles whose logged session names are e-mail addresses. The exit status is 1
            when there is an error or a warning, 0 when there are only notes or nothing.
            """,
        options: [CommonOptions.format] + CommonOptions.all,
        positionals: [PositionalSpec("FILE", help: "The mapping file, or - for standard input.")])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
        let format = try ReportContext.outputFormat(arguments)
        let path = arguments.positionals[0]
        let bytes = try readInput(path)
        let lintContext = try storeContext(path: context.databasePath(arguments))
        let findings = MappingLinter.lint(bytes, source: path == "-" ? "<stdin>" : path, context: lintContext)

        switch format {
        case .table, .markdown:
            for finding in findings {
                Console.out(
                    "\(finding.source):\(finding.line): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]\n")
            }
            if findings.isEmpty {
                Console.error("\(path): no problems found")
            }
        case .json, .csv, .html:
            var writer = ResultWriter(format: format, output: StandardOutputStream())
            writer.begin(columns: ["file", "line", "severity", "rule", "message"])
            for finding in findings {
                writer.append(row: [
                    .text(finding.source), .integer(Int64(finding.line)), .text(finding.severity.rawValue),
                    .text(finding.ruleID), .text(finding.message),
                ])
            }
            writer.end()
        }
        return findings.contains { $0.severity >= .warning } ? .failure : .success
    }

    /// Reads the whole file (decompressing gzip), or standard input for `-`.
    private static func readInput(_ path: String) throws -> [UInt8] {
        let reader = try LineBatchReader(path: path)
        return try reader.readRemainder(limit: 64 * 1024 * 1024)
    }

    /// The facts from the store that two rules need, when the store exists.
    private static func storeContext(path: String) throws -> LintContext {
        guard FileManager.default.fileExists(atPath: path) else { return LintContext() }
        let connection = try AuditStore.openReadOnly(path: path)
        var boundGroups: Set<String>?
        if try connection.scalarInteger("SELECT count(*) FROM rbac_objects") ?? 0 > 0 {
            let groups = try connection.prepare(
                """
                SELECT DISTINCT json_extract(subject.value, '$.name') FROM rbac_objects,
                    json_each(rbac_objects.object, '$.subjects') AS subject
                WHERE rbac_objects.kind IN ('RoleBinding', 'ClusterRoleBinding')
                    AND json_extract(subject.value, '$.kind') = 'Group'
                """)
            var names: Set<String> = []
            while try groups.step() {
                if let name = groups.text(at: 0) { names.insert(name) }
            }
            boundGroups = names
        }
        var sessions: [String: Set<String>] = [:]
        let statement = try connection.prepare(
            """
            SELECT DISTINCT iam_arn, session_name FROM identity_resolutions
            WHERE iam_arn IS NOT NULL AND session_name IS NOT NULL AND session_name <> ''
            """)
        while try statement.step() {
            guard let role = statement.text(at: 0), let session = statement.text(at: 1) else { continue }
            sessions[role, default: []].insert(session)
        }
        return LintContext(boundGroups: boundGroups, sessionNamesByRole: sessions)
    }
}
