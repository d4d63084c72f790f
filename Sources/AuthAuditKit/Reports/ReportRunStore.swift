/// One run of a report as `report_runs` stores it.
public struct ReportRun: Sendable, Equatable {
    public var report: String
    /// The report options given, without `since` and `until`, which `window` holds.
    public var parameters: [String: String]
    public var window: ReportWindow?
    public var ranAt: Timestamp
    /// Every row of the run, before any column is dropped for display.
    public var table: ResultTable

    public init(
        report: String, parameters: [String: String], window: ReportWindow?, ranAt: Timestamp, table: ResultTable
    ) {
        self.report = report
        self.parameters = parameters
        self.window = window
        self.ranAt = ranAt
        self.table = table
    }

    /// The `parameters` as stored: a JSON object with sorted keys, so equal options give equal text.
    public var parametersKey: String {
        Self.parametersKey(parameters)
    }

    static func parametersKey(_ parameters: [String: String]) -> String {
        let members = parameters.keys.sorted().map { JSONText.quoted($0) + ":" + JSONText.quoted(parameters[$0] ?? "") }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Removes the window options, which are stored apart and do not decide which runs are compared.
    public static func comparedParameters(_ values: [String: String]) -> [String: String] {
        values.filter { $0.key != "since" && $0.key != "until" }
    }
}

/// Reads and writes `report_runs`.
///
/// Rows are stored as compact JSON (an array of arrays in column order) and read back with SQLite's
/// `json_each`, so a stored INTEGER, REAL, TEXT or NULL comes back as the same type. A BLOB is stored
/// as its hex text and comes back as TEXT.
///
/// Only the newest run of each report and parameters keeps its rows, because `--since-last-run`
/// compares with that run alone. Earlier runs keep their time, window and row count, and their rows
/// become `[]`.
/// Without that, each run of a detail report over a large store would add its whole output again.
public enum ReportRunStore {
    /// Appends a run and clears the rows of earlier runs with the same report and parameters, then
    /// empties the write-ahead log when nothing else uses the store. The connection must be writable
    /// and have the `0008-report-runs` migration.
    public static func save(_ run: ReportRun, on connection: SQLiteConnection) throws {
        // A run lost to a power failure costs one comparison, so the commit need not wait for the
        // disk. With the default FULL, every run would wait for its rows to reach the disk.
        try connection.execute("PRAGMA synchronous = NORMAL")
        try connection.transaction { try insert(run, on: connection) }
        truncateWriteAheadLog(on: connection)
    }

    /// Copies the log into the store and truncates it, unless another connection is reading or writing.
    ///
    /// `report` stores its run while its read-only connection is still open, so the connection that
    /// wrote is never the last to close, and SQLite leaves the log in place. The log then grew by every
    /// run's rows: 265 MB after 39 report runs on the 5,000,000-line gen-audit store, and each later
    /// command spent 0.2 s reading it on open. The busy timeout is 0 meanwhile, so a report never waits
    /// for an ingest or `tail` that is writing to the store. Failures are ignored because the run is stored.
    private static func truncateWriteAheadLog(on connection: SQLiteConnection) {
        guard let timeout = try? connection.scalarInteger("PRAGMA busy_timeout") else { return }
        try? connection.execute("PRAGMA busy_timeout = 0")
        try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try? connection.execute("PRAGMA busy_timeout = \(timeout)")
    }

    private static func insert(_ run: ReportRun, on connection: SQLiteConnection) throws {
        let clear = try connection.prepare(
            "UPDATE report_runs SET rows = '[]' WHERE report = ? AND parameters = ? AND rows <> '[]'")
        clear.bind(run.report, at: 1)
        clear.bind(run.parametersKey, at: 2)
        try clear.run()

        let statement = try connection.prepare(
            """
            INSERT INTO report_runs (
                report, parameters, window_start, window_end, ran_at, columns, rows, row_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        statement.bind(run.report, at: 1)
        statement.bind(run.parametersKey, at: 2)
        statement.bind(run.window?.start.microseconds, at: 3)
        statement.bind(run.window?.end.microseconds, at: 4)
        statement.bind(run.ranAt.microseconds, at: 5)
        statement.bind(JSONText.array(run.table.columns), at: 6)
        rowsJSON(run.table.rows).withUnsafeBytes { statement.bindText($0, at: 7) }
        statement.bind(Int64(run.table.rows.count), at: 8)
        try statement.run()
    }

    /// Returns the newest stored run of `report` with these compared parameters, or nil.
    public static func latest(
        report: String, parameters: [String: String], on connection: SQLiteConnection
    ) throws -> ReportRun? {
        let select = try connection.prepare(
            """
            SELECT id, window_start, window_end, ran_at FROM report_runs
            WHERE report = ? AND parameters = ? ORDER BY id DESC LIMIT 1
            """)
        select.bind(report, at: 1)
        select.bind(ReportRun.parametersKey(parameters), at: 2)
        guard try select.step() else { return nil }
        let id = select.int64(at: 0)
        var window: ReportWindow?
        if !select.isNull(at: 1), !select.isNull(at: 2) {
            window = ReportWindow(
                start: Timestamp(microseconds: select.int64(at: 1)), end: Timestamp(microseconds: select.int64(at: 2)),
                isDefaultStart: false, isDefaultEnd: false)
        }
        let ranAt = Timestamp(microseconds: select.int64(at: 3))
        let table = try storedTable(id: id, on: connection)
        return ReportRun(report: report, parameters: parameters, window: window, ranAt: ranAt, table: table)
    }

    private static func storedTable(id: Int64, on connection: SQLiteConnection) throws -> ResultTable {
        let columns = try connection.prepare(
            "SELECT c.value FROM report_runs r, json_each(r.columns) c WHERE r.id = ? ORDER BY c.key")
        columns.bind(id, at: 1)
        var table = ResultTable(columns: [])
        while try columns.step() {
            table.columns.append(columns.text(at: 0) ?? "")
        }
        let cells = try connection.prepare(
            """
            SELECT row.key, cell.value FROM report_runs r, json_each(r.rows) row, json_each(row.value) cell
            WHERE r.id = ? ORDER BY row.key, cell.key
            """)
        cells.bind(id, at: 1)
        var rowIndex: Int64 = -1
        while try cells.step() {
            if cells.int64(at: 0) != rowIndex {
                rowIndex = cells.int64(at: 0)
                table.rows.append([])
            }
            table.rows[table.rows.count - 1].append(cells.value(at: 1))
        }
        return table
    }

    private static func rowsJSON(_ rows: [[SQLiteValue]]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (rowIndex, row) in rows.enumerated() {
            if rowIndex > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "["))
            for (index, value) in row.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONBytes.appendLiteral(value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }
}
