import Foundation
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

    /// `report` stores its run while its read-only connection is open, so closing the writer does not
    /// empty the log. Saving must leave it empty.
    @Test func saveEmptiesWriteAheadLog() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.db")
        _ = try AuditStore(path: path)
        let reader = try AuditStore.openReadOnly(path: path)
        _ = try reader.scalarInteger("SELECT count(*) FROM report_runs")
        let rows = Array(repeating: [SQLiteValue.text(String(repeating: "x", count: 1000)), .integer(1)], count: 500)

        let writer = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try ReportRunStore.save(run([:], rows: rows), on: writer)

        let logSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect(logSize == 0)
        #expect(try reader.scalarInteger("SELECT row_count FROM report_runs") == 500)
    }

    @Test func windowOptionsAreNotCompared() {
        #expect(ReportRun.comparedParameters(["since": "7d", "until": "1d", "user": "u"]) == ["user": "u"])
    }
}
