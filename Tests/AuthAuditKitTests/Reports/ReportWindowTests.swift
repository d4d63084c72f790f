import Testing

@testable import AuthAuditKit

@Suite struct ReportWindowTests {
    private let definition = ReportDefinition(
        name: "w", description: "d",
        parameters: [
            ReportParameter(name: "since", type: .time, summary: "s"),
            ReportParameter(name: "until", type: .time, summary: "u"),
        ], sql: "SELECT 1", path: "w.sql")
    private let newest = Timestamp(seconds: 1_000_000_000)
    private let day: Int64 = 86_400 * 1_000_000

    @Test func defaultIsNinetyDaysEndingAtNewest() {
        var bindings = ReportBindings(["since": .null, "until": .null])

        let window = ReportWindow.apply(to: &bindings, definition: definition, newestRequest: newest)

        #expect(bindings["until"] == .integer(newest.microseconds + 1))
        #expect(bindings["since"] == .integer(newest.microseconds + 1 - 90 * day))
        #expect(window?.isDefaultStart == true)
        #expect(window?.isDefaultEnd == true)
    }

    @Test func untilAloneCountsBackFromIt() {
        var bindings = ReportBindings(["since": .null, "until": .integer(500 * day)])

        let window = ReportWindow.apply(to: &bindings, definition: definition, newestRequest: newest)

        #expect(bindings["since"] == .integer(410 * day))
        #expect(window?.isDefaultStart == true)
        #expect(window?.isDefaultEnd == false)
    }

    @Test func sinceAloneEndsAfterNewest() {
        var bindings = ReportBindings(["since": .integer(5), "until": .null])

        _ = ReportWindow.apply(to: &bindings, definition: definition, newestRequest: newest)

        #expect(bindings["since"] == .integer(5))
        #expect(bindings["until"] == .integer(newest.microseconds + 1))
    }

    @Test func emptyStoreLeavesBindingsUnset() {
        var bindings = ReportBindings(["since": .null, "until": .null])

        let window = ReportWindow.apply(to: &bindings, definition: definition, newestRequest: nil)

        #expect(window == nil)
        #expect(bindings["since"] == .null)
    }

    @Test func reportWithoutWindowParametersUnchanged() {
        var plain = definition
        plain.parameters = [ReportParameter(name: "since", type: .time, summary: "s")]
        var bindings = ReportBindings(["since": .null])

        let window = ReportWindow.apply(to: &bindings, definition: plain, newestRequest: newest)

        #expect(window == nil)
        #expect(bindings["since"] == .null)
    }
}
