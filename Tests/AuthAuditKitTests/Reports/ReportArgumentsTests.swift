import Testing

@testable import AuthAuditKit

@Suite struct ReportArgumentsTests {
    static let definition = ReportDefinition(
        name: "sample", description: "D.",
        parameters: [
            ReportParameter(name: "since", type: .time, summary: "S."),
            ReportParameter(name: "until", type: .time, summary: "U."),
            ReportParameter(name: "user", type: .text, summary: "U."),
            ReportParameter(name: "limit", type: .integer, summary: "L."),
            ReportParameter(name: "detail", type: .flag, summary: "D."),
        ],
        sql: "SELECT 1", path: "/q/sample.sql")

    /// 2023-11-14T22:13:20Z.
    static let anchor = Timestamp(seconds: 1_700_000_000)

    /// Accepts only the one RFC 3339 text the tests use, so the binding, not a parser, is under test.
    static func parseTime(_ text: String) -> Timestamp? {
        text == "2023-11-14T00:00:00.5Z" ? Timestamp(microseconds: 1_699_920_000_500_000) : nil
    }

    private func bind(_ values: [String: String], anchor: Timestamp? = anchor) throws -> ReportBindings {
        try ReportArguments(values).bindings(for: Self.definition, anchor: anchor, parseTime: Self.parseTime)
    }

    @Test func unsetBindsNullAndFlagZero() throws {
        let bindings = try bind([:])
        #expect(bindings.values == ["since": .null, "until": .null, "user": .null, "limit": .null, "detail": .integer(0)])
    }

    @Test(arguments: [
        ("90s", Int64(90)), ("30m", 1_800), ("12h", 43_200), ("7d", 604_800), ("2w", 1_209_600),
        ("1d12h", 129_600), ("1w2d3h4m5s", 788_645), ("0s", 0),
    ])
    func durationCountsBackFromAnchor(text: String, seconds: Int64) throws {
        let bindings = try bind(["since": text])
        #expect(bindings["since"] == .integer(Self.anchor.microseconds - seconds * 1_000_000))
    }

    @Test func absoluteTimeUsesParser() throws {
        #expect(try bind(["since": "2023-11-14T00:00:00.5Z"])["since"] == .integer(1_699_920_000_500_000))
    }

    @Test(arguments: ["", "7", "d", "7x", "12h1d", "1d1d", "1.5h", "-7d", "7d ", "99999999999999999w", "yesterday"])
    func invalidTime(text: String) {
        #expect(throws: ReportArgumentError.invalidValue(parameter: "since", type: .time, value: text)) {
            try bind(["since": text])
        }
    }

    @Test(arguments: [("1d", "2d"), ("1d", "1d")])
    func sinceNotBeforeUntil(since: String, until: String) {
        #expect(throws: ReportArgumentError.emptyWindow(since: since, until: until)) {
            try bind(["since": since, "until": until])
        }
    }

    @Test func sinceBeforeUntilBinds() throws {
        let bindings = try bind(["since": "2d", "until": "1d"])
        #expect(bindings["until"] == .integer(Self.anchor.microseconds - 86_400_000_000))
    }

    @Test func durationWithoutAnchor() {
        #expect(throws: ReportArgumentError.durationWithoutAnchor(parameter: "since")) {
            try bind(["since": "7d"], anchor: nil)
        }
    }

    @Test func absoluteTimeWithoutAnchor() throws {
        #expect(try bind(["since": "2023-11-14T00:00:00.5Z"], anchor: nil)["since"] == .integer(1_699_920_000_500_000))
    }

    @Test func integerAndTextAndFlag() throws {
        let bindings = try bind(["limit": "-12", "user": "O'Brien; DROP", "detail": "true"])
        #expect(bindings["limit"] == .integer(-12))
        #expect(bindings["user"] == .text("O'Brien; DROP"))
        #expect(bindings["detail"] == .integer(1))
    }

    @Test(arguments: ["", "+5", "5 ", "0x10", "1e3", "9223372036854775808", "٣"])
    func invalidInteger(text: String) {
        #expect(throws: ReportArgumentError.invalidValue(parameter: "limit", type: .integer, value: text)) {
            try bind(["limit": text])
        }
    }

    @Test(arguments: [("false", Int64(0)), ("0", 0), ("no", 0), ("yes", 1), ("1", 1)])
    func flagValues(text: String, expected: Int64) throws {
        #expect(try bind(["detail": text])["detail"] == .integer(expected))
    }

    @Test func invalidFlag() {
        #expect(throws: ReportArgumentError.invalidValue(parameter: "detail", type: .flag, value: "maybe")) {
            try bind(["detail": "maybe"])
        }
    }

    @Test func undeclaredParameterRejected() {
        #expect(throws: ReportArgumentError.undeclaredParameter(report: "sample", name: "namespace")) {
            try bind(["namespace": "kube-system"])
        }
    }
}
