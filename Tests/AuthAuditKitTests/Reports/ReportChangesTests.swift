import Testing

@testable import AuthAuditKit

@Suite struct ReportChangesTests {
    private let rule = ReportChangeRule(keyColumns: ["name"], added: "new", removed: "gone")

    private func table(_ rows: [(String, Int64)]) -> ResultTable {
        ResultTable(columns: ["name", "count"], rows: rows.map { [.text($0.0), .integer($0.1)] })
    }

    @Test func addedAndRemovedRows() {
        let changes = ReportChanges.table(
            current: table([("a", 1), ("c", 3)]), previous: table([("a", 5), ("b", 2)]), rule: rule)

        #expect(changes.columns == ["change", "name", "count"])
        #expect(changes.rows == [[.text("new"), .text("c"), .integer(3)], [.text("gone"), .text("b"), .integer(2)]])
    }

    @Test func changedLabelComparesOtherColumns() {
        var withChanged = rule
        withChanged.changed = "changed"

        let changes = ReportChanges.table(
            current: table([("a", 1), ("b", 2)]), previous: table([("a", 5), ("b", 2)]), rule: withChanged)

        #expect(changes.rows == [[.text("changed"), .text("a"), .integer(1)]])
    }

    @Test func noPreviousRunAddsEveryRow() {
        let changes = ReportChanges.table(current: table([("a", 1)]), previous: nil, rule: rule)

        #expect(changes.rows == [[.text("new"), .text("a"), .integer(1)]])
    }

    @Test func previousColumnsAlignedByName() {
        let previous = ResultTable(columns: ["count", "name", "old"], rows: [[.integer(9), .text("z"), .text("x")]])

        let changes = ReportChanges.table(current: table([]), previous: previous, rule: rule)

        #expect(changes.rows == [[.text("gone"), .text("z"), .integer(9)]])
    }

    @Test func wholeRowRuleKeysEveryColumn() {
        let changes = ReportChanges.table(
            current: table([("a", 1)]), previous: table([("a", 2)]), rule: .wholeRow)

        #expect(changes.rows == [[.text("added"), .text("a"), .integer(1)], [.text("removed"), .text("a"), .integer(2)]])
    }

    @Test(arguments: [
        "key=a,b added=x removed=y",
        "removed=y key=a added=x changed=z",
    ])
    func ruleParses(_ text: String) {
        #expect(ReportChangeRule.parse(text) != nil)
    }

    @Test(arguments: ["key=a added=x", "key=a added=x removed=y other=z", "key=a added= removed=y", "key a"])
    func ruleRejected(_ text: String) {
        #expect(ReportChangeRule.parse(text) == nil)
    }

    @Test func headerFieldParsed() throws {
        let text = """
            -- description: test
            -- changes: key=name added=new
            --   removed=gone
            SELECT 1 AS name;
            """
        let definition = try ReportDefinition.parse(text, path: "t.sql")

        #expect(definition.changeRule == ReportChangeRule(keyColumns: ["name"], added: "new", removed: "gone"))
    }

    @Test func invalidHeaderFieldRejected() {
        let text = "-- description: test\n-- changes: key=name\nSELECT 1;\n"

        #expect(throws: ReportDefinitionError(path: "t.sql", line: 2, reason: .invalidChanges("key=name"))) {
            try ReportDefinition.parse(text, path: "t.sql")
        }
    }
}
