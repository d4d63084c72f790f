import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct ReportCatalogTests {
    let builtIn = Fixtures.path("reports/builtin")
    let user = Fixtures.path("reports/user")

    @Test func listsSortedByName() {
        let catalog = ReportCatalog(directories: [builtIn])
        #expect(catalog.definitions.map(\.name) == ["forbidden", "users", "verbs"])
        #expect(catalog.problems.isEmpty)
    }

    @Test func laterDirectoryOverrides() throws {
        let catalog = ReportCatalog(directories: [builtIn, user])
        let forbidden = try catalog.definition(named: "forbidden")
        #expect(forbidden.path == user + "/forbidden-local.sql")
        #expect(
            catalog.replacements == [
                .init(name: "forbidden", replacedPath: builtIn + "/forbidden.sql", path: user + "/forbidden-local.sql")
            ])
        #expect(catalog.definitions.map(\.name) == ["forbidden", "users", "verbs"])
    }

    @Test func earlierDirectoryLosesInReverseOrder() throws {
        let catalog = ReportCatalog(directories: [user, builtIn])
        #expect(try catalog.definition(named: "forbidden").path == builtIn + "/forbidden.sql")
    }

    @Test func badFileIsAProblemNotAFailure() {
        let catalog = ReportCatalog(directories: [builtIn, user])
        #expect(
            catalog.problems == [
                ReportDefinitionError(path: user + "/broken.sql", line: 2, reason: .unknownField("colour"))
            ])
        #expect(!catalog.definitions.contains { $0.name == "broken" })
    }

    @Test func missingDirectorySkipped() {
        let catalog = ReportCatalog(directories: ["/nonexistent/authaudit-queries", builtIn])
        #expect(catalog.definitions.count == 3)
        #expect(catalog.problems.isEmpty)
    }

    @Test func duplicateNameInOneDirectory() throws {
        let directory = try TemporaryDirectory()
        try "-- description: A.\nSELECT 1".write(toFile: directory.path("a.sql"), atomically: true, encoding: .utf8)
        try "-- name: a\n-- description: B.\nSELECT 2".write(
            toFile: directory.path("b.sql"), atomically: true, encoding: .utf8)
        try "-- description: Hidden.\nSELECT 3".write(
            toFile: directory.path(".hidden.sql"), atomically: true, encoding: .utf8)
        let catalog = ReportCatalog(directories: [directory.url.path])
        #expect(catalog.definitions.map(\.path) == [directory.path("a.sql")])
        #expect(
            catalog.problems == [
                ReportDefinitionError(
                    path: directory.path("b.sql"), reason: .duplicateName("a", otherPath: directory.path("a.sql")))
            ])
    }

    @Test func suggestionsForTypo() {
        let catalog = ReportCatalog(directories: [builtIn])
        #expect(throws: ReportLookupError.notFound(name: "forbiden", suggestions: ["forbidden"])) {
            try catalog.definition(named: "forbiden")
        }
    }

    @Test func suggestionsNearestFirst() {
        let catalog = ReportCatalog(
            definitions: ["verbs", "users", "user", "usage"].map {
                ReportDefinition(name: $0, description: "D.", sql: "SELECT 1", path: "/q/\($0).sql")
            })
        #expect(catalog.suggestions(for: "usr") == ["user", "users"])
        #expect(catalog.suggestions(for: "us") == ["user", "usage", "users"])
        #expect(catalog.suggestions(for: "verb") == ["verbs"])
    }

    @Test func suggestionsEmptyWhenNothingClose() {
        let catalog = ReportCatalog(directories: [builtIn])
        #expect(throws: ReportLookupError.notFound(name: "sessions", suggestions: [])) {
            try catalog.definition(named: "sessions")
        }
    }

    @Test func editDistanceCounts() {
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.editDistance("café", "cafe") == 1)
    }
}
