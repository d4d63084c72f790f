import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct ReportHeaderParserTests {
    @Test func validHeader() throws {
        let text = """
            -- name: forbidden
            -- title: Forbidden requests by identity
            -- description: Requests answered 403,
            --     grouped by person.
            -- param: since time  Only requests received at or after this time.
            -- param: detail flag  List each request instead of groups.
            --
            -- headline: true
            SELECT 1;
            """
        let definition = try ReportDefinition.parse(text, path: "/q/forbidden.sql")
        #expect(definition.name == "forbidden")
        #expect(definition.title == "Forbidden requests by identity")
        #expect(definition.description == "Requests answered 403, grouped by person.")
        #expect(
            definition.parameters == [
                ReportParameter(name: "since", type: .time, summary: "Only requests received at or after this time."),
                ReportParameter(name: "detail", type: .flag, summary: "List each request instead of groups."),
            ])
        #expect(definition.isHeadline)
        #expect(definition.sql == "SELECT 1;")
        #expect(definition.sqlFirstLine == 9)
        #expect(definition.path == "/q/forbidden.sql")
    }

    @Test func nameFromFileName() throws {
        let definition = try ReportDefinition.parse(
            "-- description: Counts.\r\nSELECT 1\r\n", path: "/q/by-verb.sql")
        #expect(definition.name == "by-verb")
        #expect(definition.title == nil)
        #expect(definition.isHeadline == false)
        #expect(definition.parameters.isEmpty)
        #expect(definition.sqlFirstLine == 2)
    }

    @Test func leadingBlankLinesSkipped() throws {
        let definition = try ReportDefinition.parse("\n\n-- description: D.\nSELECT 1", path: "/q/a.sql")
        #expect(definition.description == "D.")
        #expect(definition.sqlFirstLine == 4)
    }

    @Test func headlineFalse() throws {
        let definition = try ReportDefinition.parse(
            "-- description: D.\n-- headline: false\nSELECT 1", path: "/q/a.sql")
        #expect(definition.isHeadline == false)
    }

    static let errorCases: [(text: String, line: Int?, reason: ReportDefinitionError.Reason)] = [
        ("-- description: D.\n-- colour: red\nSELECT 1", 2, .unknownField("colour")),
        ("-- description: D.\n-- this is prose\nSELECT 1", 2, .malformedLine),
        ("-- description: D.\n-- two words: x\nSELECT 1", 2, .malformedLine),
        ("--   continued\n-- description: D.\nSELECT 1", 1, .continuationWithoutField),
        ("-- description: D.\n-- description: E.\nSELECT 1", 2, .duplicateField("description")),
        ("-- name: a\n-- name: b\n-- description: D.\nSELECT 1", 2, .duplicateField("name")),
        ("-- title:\n-- description: D.\nSELECT 1", 1, .emptyValue(field: "title")),
        ("-- name: x\n-- title: T\nSELECT 1", nil, .missingDescription),
        ("-- name: Big Report\n-- description: D.\nSELECT 1", 1, .invalidName("Big Report")),
        ("-- description: D.\n-- param: since time\nSELECT 1", 2, .incompleteParameter),
        ("-- description: D.\n-- param: 1st text First.\nSELECT 1", 2, .invalidParameterName("1st")),
        ("-- description: D.\n-- param: since date When.\nSELECT 1", 2, .unknownParameterType("date")),
        (
            "-- description: D.\n-- param: a text A.\n-- param: a integer B.\nSELECT 1", 3,
            .duplicateParameter("a")
        ),
        ("-- description: D.\n-- headline: yes\nSELECT 1", 2, .invalidHeadline("yes")),
        ("-- description: D.\n\n-- only a comment;\n  ;  \n", nil, .missingSQL),
    ]

    @Test(arguments: errorCases.indices)
    func headerError(case index: Int) {
        let expected = Self.errorCases[index]
        #expect(throws: ReportDefinitionError(path: "/q/report.sql", line: expected.line, reason: expected.reason)) {
            try ReportDefinition.parse(expected.text, path: "/q/report.sql")
        }
    }

    @Test func invalidDerivedName() {
        #expect(throws: ReportDefinitionError(path: "/q/My Report.sql", line: nil, reason: .invalidName("My Report"))) {
            try ReportDefinition.parse("-- description: D.\nSELECT 1", path: "/q/My Report.sql")
        }
    }

    @Test func unreadableFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("missing.sql")
        #expect(throws: ReportDefinitionError(path: path, reason: .unreadable(errno: 2))) {
            try ReportDefinition.load(path: path)
        }
    }

    @Test func invalidUTF8File() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("latin1.sql")
        // "café" in Latin-1: the lone byte 0xE9 is not UTF-8.
        try (Array("-- description: caf".utf8) + [0xE9] + Array("\nSELECT 1".utf8)).write(toFile: path)
        #expect(throws: ReportDefinitionError(path: path, reason: .notUTF8)) {
            try ReportDefinition.load(path: path)
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func write(toFile path: String) throws {
        try Data(self).write(to: URL(fileURLWithPath: path))
    }
}
