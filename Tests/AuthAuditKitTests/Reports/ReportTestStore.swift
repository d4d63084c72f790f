import Foundation

@testable import AuthAuditKit

/// A real SQLite file built from `reports/schema.sql`, opened read-only as the report commands open a store.
final class ReportTestStore {
    let directory: TemporaryDirectory
    let path: String
    let connection: SQLiteConnection

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("store.db")
        let schema = try String(contentsOfFile: Fixtures.path("reports/schema.sql"), encoding: .utf8)
        let writer = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try writer.execute(schema)
        connection = try SQLiteConnection(path: path, mode: .readOnly)
    }

    /// Parses a report from text written to a file in this store's folder.
    func definition(_ text: String, fileName: String = "test.sql") throws -> ReportDefinition {
        let reportPath = directory.path(fileName)
        try text.write(toFile: reportPath, atomically: true, encoding: .utf8)
        return try ReportDefinition.load(path: reportPath)
    }
}
