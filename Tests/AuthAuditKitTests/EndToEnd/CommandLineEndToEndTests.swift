import Foundation
import Testing

/// The command-line contract: help, exit statuses (0 success, 1 failure, 64 usage error) and messages.
@Suite struct CommandLineEndToEndTests {
    // MARK: - Help

    /// Without a command the overview is printed on standard output, but the status is 64 because
    /// nothing was run.
    @Test func noArgumentsPrintsOverviewAndExits64() throws {
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.runWithoutDatabase([])

        #expect(result.status == 64)
        #expect(result.standardOutput.contains("USAGE: authaudit <command> [options]\n"))
        #expect(result.standardError.isEmpty)
    }

    @Test(arguments: [["--help"], ["-h"], ["help"]])
    func helpPrintsOverview(arguments: [String]) throws {
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.runWithoutDatabase(arguments)

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: authaudit <command> [options]\n"))
        #expect(result.standardError.isEmpty)
    }

    @Test(arguments: [["help", "ingest"], ["ingest", "--help"]])
    func commandHelpListsItsOptions(arguments: [String]) throws {
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.runWithoutDatabase(arguments)

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: authaudit ingest [options] INPUT...\n"))
        #expect(result.standardOutput.contains("--max-line-bytes BYTES"))
        #expect(result.standardError.isEmpty)
    }

    @Test func helpForUnknownCommandIsUsageError() throws {
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.runWithoutDatabase(["help", "ingset"])

        #expect(result.status == 64)
        #expect(result.standardError.contains("did you mean 'ingest'?"), "stderr: \(result.standardError)")
    }

    // MARK: - Usage errors

    struct UsageCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var standardError: String

        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// Exact messages of usage errors found before any file is opened.
    static let usageCases = [
        UsageCase(
            arguments: ["anlyze", "samples"],
            standardError:
                "authaudit: error: unknown command 'anlyze'; did you mean 'analyze'?\nSee 'authaudit --help'.\n"),
        UsageCase(
            arguments: ["ingest", "--bogus", "x.log"],
            standardError: "authaudit: error: unknown option '--bogus' for 'ingest'\nSee 'authaudit ingest --help'.\n"),
        UsageCase(
            arguments: ["ingest", "--strcit", "x.log"],
            standardError: "authaudit: error: unknown option '--strcit' for 'ingest'; did you mean '--strict'?\n"
                + "See 'authaudit ingest --help'.\n"),
        UsageCase(
            arguments: ["ingest"],
            standardError: "authaudit: error: missing argument INPUT\nSee 'authaudit ingest --help'.\n"),
        UsageCase(
            arguments: ["query"],
            standardError: "authaudit: error: missing argument SQL\nSee 'authaudit query --help'.\n"),
        UsageCase(
            arguments: ["query", "select 1", "select 2"],
            standardError: "authaudit: error: unexpected argument 'select 2'\nSee 'authaudit query --help'.\n"),
        UsageCase(
            arguments: ["ingest", "--max-line-bytes", "1x", "x.log"],
            standardError: "authaudit: error: invalid value '1x' for --max-line-bytes: expected a size such as"
                + " 1048576, 512KiB or 64MiB\nSee 'authaudit ingest --help'.\n"),
        UsageCase(
            arguments: ["report", "forbidden", "--format"],
            standardError: "authaudit: error: option '--format' needs a value\nSee 'authaudit report --help'.\n"),
        UsageCase(
            arguments: ["ingest", "--strict=yes", "x.log"],
            standardError: "authaudit: error: option '--strict' takes no value\nSee 'authaudit ingest --help'.\n"),
    ]

    @Test(arguments: usageCases)
    func usageErrorExits64(usage: UsageCase) throws {
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.runWithoutDatabase(usage.arguments)

        #expect(result.status == 64)
        #expect(result.standardError == usage.standardError)
        #expect(result.standardOutput.isEmpty)
        #expect(
            !FileManager.default.fileExists(atPath: sandbox.path("authaudit.db")), "a usage error created the store")
    }

    // MARK: - Reports

    /// Makes a sandbox whose store contains `samples/`.
    static func samplesSandbox() throws -> EndToEndSandbox {
        let sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["ingest", SamplesEndToEndTests.samplesPath])
        try #require(result.status == 0, "ingest samples/ failed: \(result.standardError)")
        return sandbox
    }

    static let invalidFormatMessage =
        "authaudit: error: invalid value 'xml' for --format: expected one of table, json, csv, markdown, html\n"
        + "See 'authaudit report --help'.\n"

    @Test func invalidFormatIsUsageError() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(["report", "forbidden", "-o", "xml"])

        #expect(result.status == 64)
        #expect(result.standardError == Self.invalidFormatMessage)
    }

    /// Usage errors should be found before any file is opened, so a missing store must not hide one.
    @Test func invalidFormatWithoutStoreIsUsageError() throws {
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.run(["report", "forbidden", "-o", "xml"])

        #expect(result.status == 64)
        #expect(result.standardError == Self.invalidFormatMessage)
    }

    @Test func unknownReportParameterSuggestsClosest() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(["report", "forbidden", "--sinse", "1h"])

        #expect(result.status == 64)
        #expect(result.standardError.contains("unknown option '--sinse'"), "stderr: \(result.standardError)")
        #expect(result.standardError.contains("did you mean '--since'?"), "stderr: \(result.standardError)")
    }

    /// A report name is looked up in the catalog, like a file name, so a miss is a failure (1), not a
    /// usage error.
    @Test func unknownReportNameSuggestsClosest() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(["report", "forbiden"])

        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("did you mean 'forbidden'?"), "stderr: \(result.standardError)")
    }

    @Test func unknownUserGetsNote() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(["report", "least-privilege", "--user", "nobody"])

        #expect(result.status == 0)
        #expect(result.standardError.contains("no rows for --user nobody"), "stderr: \(result.standardError)")
    }

    @Test func unknownClusterGetsNote() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(["report", "forbidden", "--cluster", "other"])

        #expect(result.status == 0)
        #expect(result.standardError.contains("no cluster named 'other'"), "stderr: \(result.standardError)")
    }

    @Test func emptyWindowIsUsageError() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(
            ["report", "forbidden", "--since", "2018-06-25T07:10:00Z", "--until", "2018-06-25T07:00:00Z"])

        #expect(result.status == 64)
        #expect(result.standardError.contains("is not before --until"), "stderr: \(result.standardError)")
    }

    @Test func sinceAfterNewestRequestIsUsageError() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(["report", "forbidden", "--since", "2020-01-01T00:00:00Z"])

        #expect(result.status == 64)
        #expect(result.standardError.contains("just after the newest stored request"), "stderr: \(result.standardError)")
    }

    /// `--since` with a duration counts back from the newest stored request (14:09:57.124610 in samples/).
    @Test func sinceSelectsRecentRows() throws {
        let sandbox = try Self.samplesSandbox()

        let hour = try sandbox.reportRows("forbidden", ["--since", "1h"])
        let threeMinutes = try sandbox.reportRows("forbidden", ["--since", "3m"])
        let absolute = try sandbox.reportRows("forbidden", ["--since", "2018-06-25T07:10:44Z"])

        #expect(hour.count == 3)
        #expect(threeMinutes.map { $0["username"] as? String } == ["devuser-1529910762440282915"])
        #expect(absolute.count == 2)
    }

    @Test func sinceGarbageIsRejectedClearly() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(["report", "forbidden", "--since", "garbage"])

        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        #expect(
            result.standardError.contains("invalid value 'garbage' for --since"), "stderr: \(result.standardError)")
        #expect(result.status == 64)
    }

    @Test func forbiddenOutputsParse() throws {
        let sandbox = try Self.samplesSandbox()
        let json = try sandbox.reportRows("forbidden")
        try #require(json.count == 3)

        let csv = try sandbox.run(["report", "forbidden", "-o", "csv"])
        let markdown = try sandbox.run(["report", "forbidden", "-o", "markdown"])

        #expect(csv.status == 0, "stderr: \(csv.standardError)")
        let records = try CSVParser.records(csv.standardOutput)
        #expect(records.count == 4)
        // CSV keeps the cluster column (NULL here) so its columns never depend on the store.
        #expect(records.first?.first == "cluster")
        #expect(records.allSatisfy { $0.count == 17 }, "csv: \(csv.standardOutput)")
        // Messages contain double quotes, so this checks the CSV quoting round trip.
        let messageColumn = records.first?.firstIndex(of: "message")
        #expect(records.dropFirst().map { $0[messageColumn ?? 0] } == json.map { $0["message"] as? String })

        #expect(markdown.status == 0, "stderr: \(markdown.standardError)")
        // The table follows a paragraph that names the report's window.
        #expect(markdown.standardOutput.hasPrefix("Window: "))
        let tableText = markdown.standardOutput.split(separator: "\n\n", maxSplits: 1).last.map(String.init) ?? ""
        let table = try MarkdownTableParser.table(tableText)
        // Formats for people drop a cluster column that holds a single value.
        #expect(table.header == Array((records.first ?? []).dropFirst()))
        #expect(table.rows.count == 3)
        #expect(table.rows.allSatisfy { $0.count == table.header.count }, "markdown: \(markdown.standardOutput)")
        #expect(table.rows.map { $0[0] } == json.map { $0["person"] as? String })
    }

    // MARK: - query

    @Test func queryRejectsWrites() throws {
        let sandbox = try Self.samplesSandbox()

        let result = try sandbox.run(["query", "delete from requests"])

        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(try sandbox.queryInteger("select count(*) from requests") == 20)
        #expect(result.standardError.contains("read-only"), "stderr: \(result.standardError)")
        #expect(!result.standardError.contains("SQLRunError("), "stderr: \(result.standardError)")
    }

    @Test func queryOnMissingStoreSaysSo() throws {
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.run(["query", "select count(*) from requests"])

        #expect(result.status == 1)
        #expect(
            result.standardError.hasPrefix("authaudit: error: no store at \(sandbox.databasePath);"),
            "stderr: \(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.databasePath), "query created the store")
    }

    @Test func queryReadsSQLFromStandardInput() throws {
        let sandbox = try Self.samplesSandbox()

        let sql = Data("select count(*) as n\nfrom requests;\n".utf8)

        let result = try sandbox.run(["query", "-", "-o", "csv"], standardInput: sql)

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput == "n\n20\n")
    }

    // MARK: - Store location and permissions

    @Test func storeIsCreatedOwnerOnly() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write(AuditEventLine(auditID: AuditEventLine.auditID(1)).data, to: "audit.log")

        let result = try sandbox.run(["ingest", "audit.log"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.databasePath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func environmentNamesTheStore() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write(AuditEventLine(auditID: AuditEventLine.auditID(1)).data, to: "audit.log")
        let environment = ["AUTHAUDIT_DB": sandbox.path("from-environment.db")]

        let ingest = try sandbox.runWithoutDatabase(["ingest", "-q", "audit.log"], environment: environment)
        let query = try sandbox.runWithoutDatabase(
            ["query", "select count(*) from requests", "-o", "csv"], environment: environment)

        #expect(ingest.status == 0, "stderr: \(ingest.standardError)")
        #expect(FileManager.default.fileExists(atPath: sandbox.path("from-environment.db")))
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("authaudit.db")))
        #expect(query.standardOutput == "count(*)\n1\n")
    }

    @Test func databaseOptionOverridesEnvironment() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write(AuditEventLine(auditID: AuditEventLine.auditID(1)).data, to: "audit.log")

        let result = try sandbox.run(
            ["ingest", "-q", "audit.log"], environment: ["AUTHAUDIT_DB": sandbox.path("from-environment.db")])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: sandbox.databasePath))
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("from-environment.db")))
    }
}
