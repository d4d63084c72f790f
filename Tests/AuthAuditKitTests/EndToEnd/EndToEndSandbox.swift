import Foundation
import Testing

/// A scratch folder with its own store, and the `authaudit` commands that tests run against that store.
///
/// Every command runs with the folder as its working directory, so a command that ignored `--db`
/// would write `authaudit.db` there and never into the source tree.
final class EndToEndSandbox {
    let directory: TemporaryDirectory
    let databasePath: String

    init() throws {
        directory = try TemporaryDirectory()
        databasePath = directory.path("store.db")
    }

    /// Runs `authaudit` with `--db` naming this sandbox's store, after `arguments`.
    func run(
        _ arguments: [String], environment: [String: String] = [:], standardInput: Data? = nil
    ) throws -> BinaryResult {
        try BinaryRunner.run(
            arguments + ["--db", databasePath], in: directory.url, environment: environment,
            standardInput: standardInput)
    }

    /// Runs `authaudit` with exactly `arguments`, in the sandbox folder.
    func runWithoutDatabase(
        _ arguments: [String], environment: [String: String] = [:], standardInput: Data? = nil
    ) throws -> BinaryResult {
        try BinaryRunner.run(arguments, in: directory.url, environment: environment, standardInput: standardInput)
    }

    /// Returns the absolute path of `name` inside the sandbox folder.
    func path(_ name: String) -> String {
        directory.path(name)
    }

    /// Writes `data` to `name` inside the sandbox, creating intermediate folders, and returns the path.
    @discardableResult
    func write(_ data: Data, to name: String) throws -> String {
        let url = directory.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    // MARK: - Reading the store back

    /// Runs `authaudit query SQL -o json` and returns its rows. A failed query fails the test with its standard error.
    func queryRows(_ sql: String) throws -> [[String: Any]] {
        let result = try run(["query", sql, "-o", "json"])
        try #require(result.status == 0, "query \(sql) failed: \(result.standardError)")
        return try JSONValues.rows(result.standardOutputData)
    }

    /// Runs `sql` and returns the one integer it selects, such as `select count(*) from requests`.
    func queryInteger(_ sql: String) throws -> Int {
        let rows = try queryRows(sql)
        try #require(rows.count == 1, "query \(sql) returned \(rows.count) rows")
        let value = try #require(rows[0].values.first, "query \(sql) returned no column")
        return try #require(JSONValues.integer(value), "query \(sql) returned \(value), not an integer")
    }

    /// Runs `sql` and returns the first column of every row as text. NULL becomes nil.
    func queryTexts(_ sql: String) throws -> [String?] {
        try queryRows(sql).map { row in row.values.first as? String }
    }

    /// Runs `authaudit report NAME OPTIONS -o json` and returns its rows. A failed report fails the test.
    func reportRows(_ name: String, _ options: [String] = []) throws -> [[String: Any]] {
        let result = try run(["report", name] + options + ["-o", "json"])
        try #require(result.status == 0, "report \(name) failed: \(result.standardError)")
        return try JSONValues.rows(result.standardOutputData)
    }
}
