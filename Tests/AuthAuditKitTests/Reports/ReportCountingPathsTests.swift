import Foundation
import Testing

@testable import AuthAuditKit

/// `activity` and `unused-grants` count a window that covers the whole store from totals kept at
/// ingest, and any other window from the window's requests. Both ways run here over windows that
/// cover all of samples/, and must give the same rows.
@Suite struct ReportCountingPathsTests {
    private let sandbox: EndToEndSandbox
    private let connection: SQLiteConnection
    /// The oldest stored receive time, and the microsecond after the newest.
    private let first: SQLiteValue
    private let end: SQLiteValue

    init() throws {
        sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["ingest", SamplesEndToEndTests.samplesPath, "-q"])
        try #require(result.status == 0, "ingest failed: \(result.standardError)")
        connection = try AuditStore.openReadOnly(path: sandbox.databasePath)
        let oldest = try #require(try connection.scalarInteger("SELECT min(received_at) FROM requests"))
        let newest = try #require(try connection.scalarInteger("SELECT max(received_at) FROM requests"))
        first = .integer(oldest)
        end = .integer(newest + 1)
    }

    private func definition(_ name: String) throws -> ReportDefinition {
        try ReportDefinition.load(path: Fixtures.repositoryRoot.appendingPathComponent("queries/\(name).sql").path)
    }

    /// Returns the report with its `covers_all` test made false, so it counts the requests.
    private func requestCountingForm(_ name: String) throws -> ReportDefinition {
        let path = Fixtures.repositoryRoot.appendingPathComponent("queries/\(name).sql").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let forced = text.replacingOccurrences(of: " AS yes\n),", with: " AND 0 AS yes\n),")
        try #require(forced != text, "queries/\(name).sql has no covers_all CTE ending in ' AS yes'")
        let copy = sandbox.path("\(name).sql")
        try forced.write(toFile: copy, atomically: true, encoding: .utf8)
        return try ReportDefinition.load(path: copy)
    }

    private func bindings(for definition: ReportDefinition, since: SQLiteValue, until: SQLiteValue) -> ReportBindings {
        var values = Dictionary(uniqueKeysWithValues: definition.parameters.map { ($0.name, SQLiteValue.null) })
        values["since"] = since
        values["until"] = until
        return ReportBindings(values)
    }

    /// The whole-store window, and the same with either end left open.
    private var windows: [(since: SQLiteValue, until: SQLiteValue)] {
        [(first, end), (first, .null), (.null, end)]
    }

    @Test(arguments: ["activity", "unused-grants"])
    func bothWaysGiveSameRows(report: String) throws {
        let runner = ReportRunner(connection: connection)
        let stored = try definition(report)
        let counted = try requestCountingForm(report)

        for window in windows {
            let fromTotals = try runner.run(
                stored, bindings: bindings(for: stored, since: window.since, until: window.until))
            let fromRequests = try runner.run(
                counted, bindings: bindings(for: counted, since: window.since, until: window.until))

            #expect(!fromTotals.rows.isEmpty)
            #expect(fromRequests == fromTotals, "window \(window)")
        }
    }

    /// Without --since and --until, unused-grants must find everyone who signed in. Every aws-auth
    /// entry of samples/ is used, so a miss would add an unused entry row.
    @Test func unusedGrantsWithoutWindow() throws {
        let runner = ReportRunner(connection: connection)
        let report = try definition("unused-grants")

        let open = try runner.run(report, bindings: bindings(for: report, since: .null, until: .null))
        let whole = try runner.run(report, bindings: bindings(for: report, since: first, until: end))

        #expect(!whole.rows.contains { $0.first == .text("aws-auth entry") })
        #expect(open == whole)
    }

    /// Requests written after the last analysis, as by a running `tail`, are counted although the
    /// stored totals do not include them yet.
    @Test func requestsWrittenSinceAnalysisCounted() throws {
        let store = try AuditStore(path: sandbox.databasePath)
        let sourceID = try store.beginSource(path: "later.log", kind: "audit-event-lines", size: nil, fingerprint: nil)
        let line = """
            {"kind":"Event","auditID":"1f7f3a35-7b51-4bbe-9d0c-3f0c4f2b1a77","stage":"ResponseComplete",\
            "requestReceivedTimestamp":"2018-06-25T07:16:00.000000Z","verb":"get",\
            "user":{"username":"later-user"},"responseStatus":{"code":200}}
            """
        try store.beginBatch()
        try Array(line.utf8).withUnsafeBytes { bytes in
            try AuditEventScanner.scan(line: bytes) { try store.write($0, sourceID: sourceID) }
        }
        try store.commitBatch()

        let rows = try sandbox.reportRows("activity", [])
        let counted = rows.compactMap { JSONValues.integer($0["requests"] as Any) }.reduce(0, +)
        #expect(counted == (try sandbox.queryInteger("SELECT count(*) FROM requests WHERE identity_id IS NOT NULL")))
        #expect(rows.contains { $0["username"] as? String == "later-user" })
    }
}
