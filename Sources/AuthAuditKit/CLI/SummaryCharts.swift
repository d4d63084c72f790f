/// The charts of the HTML summary page of `analyze`: forbidden requests over time and per directory
/// group, and the RBAC rules granted and used per subject.
enum SummaryCharts {
    static func sections(_ connection: SQLiteConnection) throws -> [HTMLReportPage.Section] {
        var sections: [HTMLReportPage.Section] = []
        if let timeline = try forbiddenOverTime(connection) {
            sections.append(.chart(timeline))
        }
        let perGroup = try bars(
            connection,
            """
            SELECT coalesce(g.group_name, '(group unknown)'), count(*) FROM requests r
            LEFT JOIN identity_groups g ON g.identity_id = coalesce(r.impersonated_identity_id, r.identity_id)
            WHERE r.code = 403 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20
            """)
        if !perGroup.isEmpty {
            sections.append(.chart(BarChart(title: "Forbidden requests per directory group", bars: perGroup)))
        }
        let granted = try bars(
            connection,
            """
            SELECT subject_kind || ' ' || subject_name, count(*) FROM rbac_grants
            WHERE subject_name IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20
            """)
        let used = try bars(
            connection,
            """
            SELECT subject_kind || ' ' || subject_name, sum(requests > 0) FROM rbac_grants
            WHERE subject_name IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 20
            """)
        if !granted.isEmpty {
            sections.append(.chart(BarChart(title: "RBAC rules granted per subject", bars: granted)))
            sections.append(.chart(BarChart(title: "RBAC rules used per subject", bars: used)))
        }
        return sections
    }

    /// Forbidden requests per hour, or per day when they span more than three days.
    private static func forbiddenOverTime(_ connection: SQLiteConnection) throws -> TimeSeriesChart? {
        let statement = try connection.prepare("SELECT received_at FROM requests WHERE code = 403 AND received_at IS NOT NULL")
        var points: [TimeSeriesChart.Point] = []
        while try statement.step() {
            points.append(TimeSeriesChart.Point(time: Timestamp(microseconds: statement.int64(at: 0)), value: 1))
        }
        guard let first = points.map(\.time).min(), let last = points.map(\.time).max() else { return nil }
        let span = last.microseconds - first.microseconds
        let bucket: TimeSeriesChart.Bucket = span > 3 * 86_400 * 1_000_000 ? .day : .hour
        return TimeSeriesChart(title: "Forbidden requests over time", bucket: bucket, valueLabel: "requests", points: points)
    }

    private static func bars(_ connection: SQLiteConnection, _ sql: String) throws -> [BarChart.Bar] {
        let statement = try connection.prepare(sql)
        var bars: [BarChart.Bar] = []
        while try statement.step() {
            bars.append(BarChart.Bar(label: statement.text(at: 0) ?? "", value: Double(statement.int64(at: 1))))
        }
        return bars
    }
}
