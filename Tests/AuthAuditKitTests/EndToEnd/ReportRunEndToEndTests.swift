import Foundation
import Testing

@testable import AuthAuditKit

/// The default report window, stored report runs and `--since-last-run`, through the binary.
@Suite struct ReportRunEndToEndTests {
    /// Two forbidden `list pods` requests 121 days apart: alice's on 2024-01-01, bob's on 2024-05-01.
    private func sandboxWithOldAndNewRequests() throws -> EndToEndSandbox {
        let sandbox = try EndToEndSandbox()
        var old = AuditEventLine(auditID: AuditEventLine.auditID(1))
        old.username = Array("alice".utf8)
        old.code = 403
        old.receivedAt = "2024-01-01T08:00:00.000000Z"
        old.stageAt = "2024-01-01T08:00:00.100000Z"
        var new = AuditEventLine(auditID: AuditEventLine.auditID(2))
        new.username = Array("bob".utf8)
        new.code = 403
        let path = try sandbox.write(old.data + new.data, to: "audit.log")
        let result = try sandbox.run(["ingest", path, "-q"])
        try #require(result.status == 0, "ingest failed: \(result.standardError)")
        return sandbox
    }

    @Test func defaultWindowEndsAtNewestRequest() throws {
        let sandbox = try sandboxWithOldAndNewRequests()

        let rows = try sandbox.reportRows("forbidden")

        #expect(rows.map { $0["person"] as? String } == ["bob"])
    }

    @Test func sinceOverridesDefaultWindow() throws {
        let sandbox = try sandboxWithOldAndNewRequests()

        let rows = try sandbox.reportRows("forbidden", ["--since", "2023-12-01T00:00:00Z"])

        #expect(Set(rows.compactMap { $0["person"] as? String }) == ["alice", "bob"])
    }

    @Test func tableHeaderNamesDefaultWindow() throws {
        let sandbox = try sandboxWithOldAndNewRequests()

        let result = try sandbox.run(["report", "forbidden"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        let firstLine = result.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
        // The newest request was received at 2024-05-01T08:00:00Z; the window ends 1 µs after it.
        #expect(firstLine.hasPrefix("Window: 2024-02-01T08:00:00.000001Z to 2024-05-01T08:00:00.000001Z"))
        #expect(firstLine.contains("the 90 days ending at the newest stored request"))
    }

    @Test func markdownAndHTMLNameExplicitWindow() throws {
        let sandbox = try sandboxWithOldAndNewRequests()
        let options = ["--since", "2023-12-01T00:00:00Z", "--until", "2024-06-01T00:00:00Z"]

        let markdown = try sandbox.run(["report", "forbidden", "-o", "markdown"] + options)
        let html = try sandbox.run(["report", "forbidden", "-o", "html"] + options)

        let window = "Window: 2023-12-01T00:00:00.000000Z to 2024-06-01T00:00:00.000000Z (from --since and --until)"
        #expect(markdown.standardOutput.hasPrefix(window + "\n\n|"))
        #expect(html.standardOutput.contains("<p>\(window)</p>"))
    }

    @Test func everyRunIsStored() throws {
        let sandbox = try sandboxWithOldAndNewRequests()
        _ = try sandbox.reportRows("forbidden", ["--namespace", "default"])

        let runs = try sandbox.queryRows("select report, parameters, row_count, window_end from report_runs")

        #expect(runs.count == 1)
        #expect(runs.first?["report"] as? String == "forbidden")
        #expect(runs.first?["parameters"] as? String == #"{"namespace":"default"}"#)
        #expect(JSONValues.integer(runs.first?["row_count"]) == 1)
        // 2024-05-01T08:00:00Z in microseconds, plus one.
        #expect(JSONValues.integer(runs.first?["window_end"]) == 1_714_550_400_000_001)
    }

    /// A store that rejects the write of a run still prints the report. File permissions cannot show this
    /// when the tests run as root, so a trigger of the test's own makes SQLite reject the insert.
    @Test func unstorableRunStillReports() throws {
        let sandbox = try sandboxWithOldAndNewRequests()
        let writer = try SQLiteConnection(path: sandbox.databasePath, mode: .readWriteCreate)
        try writer.execute(
            "CREATE TRIGGER reject_runs BEFORE INSERT ON report_runs BEGIN SELECT RAISE(ABORT, 'archived store'); END")

        let result = try sandbox.run(["report", "forbidden", "-o", "json"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try JSONValues.rows(result.standardOutputData).count == 1)
        #expect(result.standardError.contains("note: this run of forbidden was not stored"))
        #expect(result.standardError.contains("archived store"))
    }

    /// Ingests samples/ without its live audit log, runs the reports, ingests that log, and compares.
    @Test func sinceLastRunShowsChanges() throws {
        let sandbox = try EndToEndSandbox()
        let samples = sandbox.path("samples")
        try FileManager.default.copyItem(atPath: SamplesEndToEndTests.samplesPath, toPath: samples)
        let liveLog = sandbox.path("audit.log")
        try FileManager.default.moveItem(atPath: samples + "/audit/audit.log", toPath: liveLog)
        try #require(try sandbox.run(["ingest", samples, "-q"]).status == 0)
        _ = try sandbox.reportRows("unused-grants")
        _ = try sandbox.reportRows("forbidden")
        try #require(try sandbox.run(["ingest", liveLog, "-q"]).status == 0)

        let grants = try sandbox.reportRows("unused-grants", ["--since-last-run"])
        let forbidden = try sandbox.reportRows("forbidden", ["--since-last-run"])

        let devEntry = grants.first { $0["kind"] as? String == "aws-auth entry" }
        #expect(devEntry?["change"] as? String == "newly-used")
        #expect(devEntry?["mapped_from"] as? String == "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6")
        let devPerson = grants.first { $0["kind"] as? String == "person" }
        #expect(devPerson?["change"] as? String == "newly-used")
        #expect(devPerson?["person"] as? String == "devuser")
        let devRule = grants.filter { $0["binding"] as? String == "RoleBinding demo-service/ad-cluster-devs-binding" }
        #expect(devRule.map { $0["change"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") } == ["became-unused", "newly-used"])
        // The rule names resources that do not exist, so without requests it was dead, not merely unused.
        #expect(devRule.first { $0["change"] as? String == "newly-used" }?["status"] as? String == "dead")
        #expect(devRule.first { $0["change"] as? String == "became-unused" }?["status"] as? String == "partly used")
        let newForbidden = forbidden.filter { $0["change"] as? String == "new-forbidden" }
        // All three 403s of samples/ are in the live log.
        #expect(newForbidden.map { $0["person"] as? String } == ["adminuser", "devuser", "devuser"])
        #expect(forbidden.count == 3)
    }

    @Test func sinceLastRunWithoutEarlierRun() throws {
        let sandbox = try sandboxWithOldAndNewRequests()

        let result = try sandbox.run(["report", "forbidden", "--since-last-run", "-o", "json"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("no earlier run of forbidden with these options is stored"))
        let rows = try JSONValues.rows(result.standardOutputData)
        #expect(rows.map { $0["change"] as? String } == ["new-forbidden"])
    }

    @Test func sinceLastRunWithoutChangesSaysSo() throws {
        let sandbox = try sandboxWithOldAndNewRequests()
        let first = try sandbox.run(["report", "forbidden"])
        try #require(first.status == 0, "stderr: \(first.standardError)")

        let result = try sandbox.run(["report", "forbidden", "--since-last-run"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("no row of forbidden changed since the run it was compared with"))
    }
}
