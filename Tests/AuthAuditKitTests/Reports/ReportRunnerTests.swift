import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct ReportRunnerTests {
    private func bindings(_ definition: ReportDefinition, _ values: [String: String] = [:]) throws -> ReportBindings {
        try ReportArguments(values).bindings(
            for: definition, anchor: Timestamp(microseconds: 1_700_090_000_000_000), parseTime: { _ in nil })
    }

    @Test func runsWithUnsetParameters() throws {
        let store = try ReportTestStore()
        let definition = try ReportDefinition.load(path: Fixtures.path("reports/builtin/forbidden.sql"))
        let table = try ReportRunner(connection: store.connection).run(definition, bindings: bindings(definition))
        #expect(table.columns == ["username", "verb", "requests"])
        #expect(
            table.rows == [
                [.text("alice"), .text("delete"), .integer(1)], [.text("bob"), .text("list"), .integer(1)],
                [.text("carol"), .text("get"), .integer(1)],
            ])
    }

    @Test func durationFiltersRows() throws {
        let store = try ReportTestStore()
        let definition = try ReportDefinition.load(path: Fixtures.path("reports/builtin/forbidden.sql"))
        // The anchor is 1_700_090_000 s; 1d back is 1_700_003_600 s, bob's 403 at that very second included.
        let table = try ReportRunner(connection: store.connection).run(
            definition, bindings: bindings(definition, ["since": "1d"]))
        #expect(table.rows.map { $0[0] } == [.text("bob"), .text("carol")])
    }

    @Test func textParameterFiltersRows() throws {
        let store = try ReportTestStore()
        let definition = try ReportDefinition.load(path: Fixtures.path("reports/builtin/forbidden.sql"))
        let table = try ReportRunner(connection: store.connection).run(
            definition, bindings: bindings(definition, ["user": "carol"]))
        #expect(table.rows == [[.text("carol"), .text("get"), .integer(1)]])
    }

    @Test func multiStatementReturnsLastRows() throws {
        let store = try ReportTestStore()
        let definition = try ReportDefinition.load(path: Fixtures.path("reports/multi-statement.sql"))
        let table = try ReportRunner(connection: store.connection).run(
            definition, bindings: bindings(definition, ["minimum": "2"]))
        #expect(table.columns == ["username", "requests; total"])
        #expect(table.rows == [[.text("alice"), .integer(2)], [.text("bob"), .integer(2)]])
    }

    @Test func undeclaredParameterNamesItAndLine() throws {
        let store = try ReportTestStore()
        let definition = try store.definition(
            """
            -- description: Uses a parameter it does not declare.
            -- param: since time  From.
            SELECT 1;
            SELECT * FROM requests
            WHERE received_at >= :since AND username = @who
            """)
        #expect(
            throws: SQLRunError(
                source: .reportFile(path: definition.path), line: 4, reason: .undeclaredParameter("who"))
        ) {
            try ReportRunner(connection: store.connection).run(definition, bindings: bindings(definition))
        }
    }

    @Test func positionalParameterRejected() throws {
        let store = try ReportTestStore()
        let definition = try store.definition("-- description: D.\nSELECT * FROM requests WHERE verb = ?")
        #expect(
            throws: SQLRunError(
                source: .reportFile(path: definition.path), line: 2, reason: .positionalParameter(index: 1))
        ) {
            try ReportRunner(connection: store.connection).run(definition, bindings: bindings(definition))
        }
    }

    @Test func writeStatementRejectedBeforeAnythingRuns() throws {
        let store = try ReportTestStore()
        let definition = try store.definition(
            """
            -- description: Tries to write.
            SELECT 1;

            DELETE FROM requests
            """)
        #expect(throws: SQLRunError(source: .reportFile(path: definition.path), line: 4, reason: .notReadOnly)) {
            try ReportRunner(connection: store.connection).run(definition, bindings: bindings(definition))
        }
    }

    @Test func sqliteErrorCarriesLine() throws {
        let store = try ReportTestStore()
        let definition = try store.definition("-- description: D.\n\nSELECT 1;\nSELECT nope FROM requests;")
        #expect {
            try ReportRunner(connection: store.connection).run(definition, bindings: bindings(definition))
        } throws: { error in
            guard let error = error as? SQLRunError, case .sqlite(let cause) = error.reason else { return false }
            return error.line == 4 && cause.message.contains("nope")
        }
    }

    @Test func checkCompilesWithoutRunning() throws {
        let store = try ReportTestStore()
        let good = try ReportDefinition.load(path: Fixtures.path("reports/builtin/forbidden.sql"))
        let bad = try store.definition("-- description: D.\nSELECT :missing")
        let runner = ReportRunner(connection: store.connection)
        #expect(throws: Never.self) { try runner.check(good) }
        #expect(
            throws: SQLRunError(source: .reportFile(path: bad.path), line: 2, reason: .undeclaredParameter("missing"))
        ) {
            try runner.check(bad)
        }
    }

    @Test func streamsRowsToSink() throws {
        let store = try ReportTestStore()
        let definition = try ReportDefinition.load(path: Fixtures.path("reports/builtin/users.sql"))
        var writer = ResultWriter(format: .csv, output: "")
        try ReportRunner(connection: store.connection).run(definition, bindings: bindings(definition), into: &writer)
        #expect(writer.output == "username\nalice\nbob\ncarol\n")
    }
}

@Suite struct ReadOnlyQueryTests {
    @Test func selectReturnsTable() throws {
        let store = try ReportTestStore()
        let table = try ReadOnlyQuery.run(
            "SELECT verb, count(*) AS n FROM requests WHERE code IS NULL GROUP BY verb", on: store.connection)
        #expect(table == ResultTable(columns: ["verb", "n"], rows: [[.text("create"), .integer(1)]]))
    }

    @Test(arguments: [
        "DELETE FROM requests", "UPDATE requests SET code = 1", "CREATE TABLE t (x)", "DROP TABLE requests",
        "INSERT INTO requests VALUES (1, 'a', 'b', 2)", "BEGIN IMMEDIATE", "SELECT 1; DELETE FROM requests",
    ])
    func writesRejected(sql: String) throws {
        let store = try ReportTestStore()
        #expect {
            try ReadOnlyQuery.run(sql, on: store.connection)
        } throws: { error in
            (error as? SQLRunError)?.reason == .notReadOnly
        }
        #expect(try store.connection.scalarInteger("SELECT count(*) FROM requests") == 5)
    }

    @Test func attachCannotCreateFile() throws {
        let store = try ReportTestStore()
        let newPath = store.directory.path("new.db")
        #expect {
            try ReadOnlyQuery.run("ATTACH '\(newPath)' AS other", on: store.connection)
        } throws: { error in
            guard let error = error as? SQLRunError, case .sqlite = error.reason else { return false }
            return error.line == 1
        }
        #expect(!FileManager.default.fileExists(atPath: newPath))
    }

    @Test(arguments: ["VACUUM INTO 'copy.db'", "PRAGMA user_version = 3", "CREATE TEMP TABLE t (x)"])
    func otherWritesRejected(sql: String) throws {
        let store = try ReportTestStore()
        #expect(throws: SQLRunError(source: .query, line: 1, reason: .notReadOnly)) {
            try ReadOnlyQuery.run(sql, on: store.connection)
        }
    }

    @Test func emptyTextRejected() throws {
        let store = try ReportTestStore()
        #expect(throws: SQLRunError(source: .query, line: nil, reason: .noStatements)) {
            try ReadOnlyQuery.run(" -- nothing\n", on: store.connection)
        }
    }

    @Test func parameterRejected() throws {
        let store = try ReportTestStore()
        #expect(throws: SQLRunError(source: .query, line: 1, reason: .undeclaredParameter("since"))) {
            try ReadOnlyQuery.run("SELECT :since", on: store.connection)
        }
    }

    @Test func emptyResultKeepsColumns() throws {
        let store = try ReportTestStore()
        let table = try ReadOnlyQuery.run("SELECT username AS user FROM requests WHERE 0", on: store.connection)
        #expect(table == ResultTable(columns: ["user"], rows: []))
    }
}
