import Testing

@testable import AuthAuditKit

@Suite struct SQLStatementSplitterTests {
    typealias Statement = SQLStatementSplitter.Statement

    @Test func splitsAtTopLevelSemicolons() {
        let statements = SQLStatementSplitter.statements(in: "SELECT 1;\n\n  SELECT 2 ;SELECT 3")
        #expect(
            statements == [
                Statement(sql: "SELECT 1", line: 1), Statement(sql: "SELECT 2", line: 3),
                Statement(sql: "SELECT 3", line: 3),
            ])
    }

    @Test func quotedSemicolonsKept() {
        let sql = "SELECT 'a;''b', \"c;\"\"d\", `e;f`, [g;h] FROM t"
        #expect(SQLStatementSplitter.statements(in: sql) == [Statement(sql: sql, line: 1)])
    }

    @Test func commentsSkippedAndCounted() {
        let text = "-- one; two\n/* three;\n four; */\nSELECT 1 -- five;\n;\n-- trailing"
        #expect(SQLStatementSplitter.statements(in: text) == [Statement(sql: "SELECT 1 -- five;", line: 4)])
    }

    @Test func linesInsideStringsCounted() {
        let statements = SQLStatementSplitter.statements(in: "SELECT 'a\nb';\nSELECT 2")
        #expect(statements.map(\.line) == [1, 3])
    }

    @Test func onlyCommentsGiveNothing() {
        #expect(SQLStatementSplitter.statements(in: "  -- a\n/* b */ ;;\n").isEmpty)
    }

    @Test func unterminatedStringRunsToEnd() {
        #expect(SQLStatementSplitter.statements(in: "SELECT 'a;b") == [Statement(sql: "SELECT 'a;b", line: 1)])
    }
}
