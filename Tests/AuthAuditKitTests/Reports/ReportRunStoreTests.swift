import Testing

@testable import AuthAuditKit

@Suite struct ReportRunStoreTests {
    private func run(_ parameters: [String: String], rows: [[SQLiteValue]]) -> ReportRun {
        ReportRun(
            report: "r", parameters: parameters,
            window: ReportWindow(
                start: Timestamp(microseconds: 1), end: Timestamp(microseconds: 2), isDefaultStart: true,
                isDefaultEnd: true),
            ranAt: Timestamp(seconds: 1), table: ResultTable(columns: ["a", "b"], rows: rows))
    }

    @Test func savedRunReadsBackWithTypes() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path("store.db"))
        let rows: [[SQLiteValue]] = [[.text("x \"quoted\""), .integer(7)], [.null, .real(1.5)]]
        try ReportRunStore.save(run(["user": "u"], rows: rows), on: store.connection)

        let loaded = try ReportRunStore.latest(report: "r", parameters: ["user": "u"], on: store.connection)

        #expect(loaded?.table.columns == ["a", "b"])
        #expect(loaded?.table.rows == rows)
        #expect(loaded?.window?.end == Timestamp(microseconds: 2))
    }

    @Test func latestRunOfSameParametersWins() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path("store.db"))
        try ReportRunStore.save(run(["user": "u"], rows: [[.integer(1), .null]]), on: store.connection)
        try ReportRunStore.save(run(["user": "u"], rows: [[.integer(2), .null]]), on: store.connection)
        try ReportRunStore.save(run(["user": "other"], rows: [[.integer(3), .null]]), on: store.connection)

        let loaded = try ReportRunStore.latest(report: "r", parameters: ["user": "u"], on: store.connection)

        #expect(loaded?.table.rows == [[.integer(2), .null]])
    }

    @Test func onlyTheNewestRunOfSameParametersKeepsRows() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path("store.db"))
        try ReportRunStore.save(run(["user": "u"], rows: [[.integer(1), .null]]), on: store.connection)
        try ReportRunStore.save(run(["user": "other"], rows: [[.integer(3), .null]]), on: store.connection)
        try ReportRunStore.save(run(["user": "u"], rows: [[.integer(2), .null]]), on: store.connection)

        let runs = try store.connection.scalarInteger("SELECT count(*) FROM report_runs")
        let withRows = try store.connection.scalarInteger("SELECT count(*) FROM report_runs WHERE rows <> '[]'")
        let cleared = try store.connection.scalarInteger(
            "SELECT row_count FROM report_runs WHERE rows = '[]' AND parameters LIKE '%\"u\"%'")
        #expect(runs == 3)
        #expect(withRows == 2)
        #expect(cleared == 1)
    }

    @Test func otherParametersHaveNoRun() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path("store.db"))
        try ReportRunStore.save(run([:], rows: []), on: store.connection)

        #expect(try ReportRunStore.latest(report: "r", parameters: ["user": "u"], on: store.connection) == nil)
    }

    @Test func windowOptionsAreNotCompared() {
        #expect(ReportRun.comparedParameters(["since": "7d", "until": "1d", "user": "u"]) == ["user": "u"])
    }
}
