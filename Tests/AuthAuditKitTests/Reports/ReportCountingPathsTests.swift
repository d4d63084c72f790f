import Foundation
import Testing

@testable import AuthAuditKit

/// `activity` and `unused-grants` count a window that covers the whole store from totals kept at
/// ingest, and any other window from the window's requests. Both ways run here over the same
/// whole-store window of samples/, and must give the same rows.
@Suite struct ReportCountingPathsTests {
    private let sandbox: EndToEndSandbox
    private let connection: SQLiteConnection
    private let window: ReportBindings

    init() throws {
        sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["ingest", SamplesEndToEndTests.samplesPath, "-q"])
        try #require(result.status == 0, "ingest failed: \(result.standardError)")
        connection = try AuditStore.openReadOnly(path: sandbox.databasePath)
        let first = try #require(try connection.scalarInteger("SELECT min(received_at) FROM requests"))
        let last = try #require(try connection.scalarInteger("SELECT max(received_at) FROM requests"))
        window = ReportBindings(["since": .integer(first), "until": .integer(last + 1)])
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

    private func bindings(for definition: ReportDefinition) -> ReportBindings {
        var values = Dictionary(uniqueKeysWithValues: definition.parameters.map { ($0.name, SQLiteValue.null) })
        values.merge(window.values) { _, window in window }
        return ReportBindings(values)
    }

    @Test(arguments: ["activity", "unused-grants"])
    func bothWaysGiveSameRows(report: String) throws {
        let runner = ReportRunner(connection: connection)
        let stored = try definition(report)
        let counted = try requestCountingForm(report)

        let fromTotals = try runner.run(stored, bindings: bindings(for: stored))
        let fromRequests = try runner.run(counted, bindings: bindings(for: counted))

        #expect(!fromTotals.rows.isEmpty)
        #expect(fromRequests == fromTotals)
    }

    /// `unused-grants` finds who signed in through one index lookup per identity. A DISTINCT over
    /// the requests must list the same identities, for the whole store and for a part of it.
    @Test func signedInLookupMatchesDistinct() throws {
        let lookup = """
            SELECT i.id FROM identities i WHERE EXISTS (
                SELECT 1 FROM requests r INDEXED BY requests_identity_time
                WHERE r.identity_id = i.id AND r.received_at >= ?1 AND r.received_at < ?2)
            ORDER BY 1
            """
        let distinct = """
            SELECT DISTINCT identity_id FROM requests
            WHERE identity_id IS NOT NULL AND received_at >= ?1 AND received_at < ?2 ORDER BY 1
            """
        let first = try #require(window["since"].flatMap(integer))
        let end = try #require(window["until"].flatMap(integer))
        for until in [end, first + (end - first) / 2] {
            let fromLookup = try identities(lookup, since: first, until: until)
            let fromDistinct = try identities(distinct, since: first, until: until)

            #expect(!fromDistinct.isEmpty)
            #expect(fromLookup == fromDistinct)
        }
    }

    private func identities(_ sql: String, since: Int64, until: Int64) throws -> [Int64] {
        let statement = try connection.prepare(sql)
        statement.bind(since, at: 1)
        statement.bind(until, at: 2)
        var ids: [Int64] = []
        while try statement.step() {
            ids.append(statement.int64(at: 0))
        }
        return ids
    }

    private func integer(_ value: SQLiteValue) -> Int64? {
        if case .integer(let number) = value { return number }
        return nil
    }
}
