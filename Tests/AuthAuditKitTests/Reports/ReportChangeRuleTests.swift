import Testing

@testable import AuthAuditKit

@Suite struct ReportChangeRuleTests {
    private let table = ResultTable(
        columns: ["time", "audit_id", "person", "message"],
        rows: [[.text("t1"), .text("a1"), .text("ann"), .text("m1")], [.text("t2"), .text("a2"), .null, .text("m2")]])

    @Test func comparedPartKeepsKeyColumns() {
        let rule = ReportChangeRule(keyColumns: ["audit_id", "time"], added: "new", removed: "gone")

        let part = rule.comparedPart(of: table)

        #expect(part.columns == ["time", "audit_id"])
        #expect(part.rows == [[.text("t1"), .text("a1")], [.text("t2"), .text("a2")]])
    }

    @Test func comparedPartWholeWithChangedLabel() {
        let rule = ReportChangeRule(keyColumns: ["audit_id"], added: "new", removed: "gone", changed: "changed")

        #expect(rule.comparedPart(of: table) == table)
    }

    @Test func comparedPartWholeWithoutKnownKey() {
        let rule = ReportChangeRule(keyColumns: ["binding"], added: "new", removed: "gone")

        #expect(rule.comparedPart(of: table) == table)
        #expect(ReportChangeRule.wholeRow.comparedPart(of: table) == table)
    }

    /// A run stored as its key columns still gives the same added rows, and removed rows with NULL in
    /// the columns that were not stored.
    @Test func storedKeyColumnsCompareLikeWholeRows() {
        let rule = ReportChangeRule(keyColumns: ["time", "audit_id"], added: "new", removed: "gone")
        let previous = ResultTable(
            columns: table.columns,
            rows: [table.rows[0], [.text("t0"), .text("a0"), .text("bob"), .text("m0")]])

        let fromWhole = ReportChanges.table(current: table, previous: previous, rule: rule)
        let fromKeys = ReportChanges.table(current: table, previous: rule.comparedPart(of: previous), rule: rule)

        #expect(fromKeys.rows.filter { $0[0] == .text("new") } == fromWhole.rows.filter { $0[0] == .text("new") })
        #expect(fromKeys.rows.last == [.text("gone"), .text("t0"), .text("a0"), .null, .null])
        #expect(fromKeys.rows.count == fromWhole.rows.count)
    }
}
