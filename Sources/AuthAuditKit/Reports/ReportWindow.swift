/// The time window of a report that declares `since` and `until` time parameters.
///
/// Without `--since` and `--until`, the window is the 90 days ending at the newest stored request, not
/// at the wall-clock time. So a store of old logs still gives rows, and the same store gives the same
/// rows tomorrow. Either option overrides its end: `--until` alone gives the 90 days before it,
/// and `--since` alone ends the window just after the newest request.
public struct ReportWindow: Sendable, Equatable {
    /// The default length: 90 days, in microseconds.
    public static let defaultLength: Int64 = 90 * 86_400 * 1_000_000

    /// The first microsecond in the window.
    public var start: Timestamp
    /// The first microsecond after the window.
    public var end: Timestamp
    /// Whether `start` and `end` came from the default rather than from `--since` and `--until`.
    public var isDefaultStart: Bool
    public var isDefaultEnd: Bool

    public init(start: Timestamp, end: Timestamp, isDefaultStart: Bool, isDefaultEnd: Bool) {
        self.start = start
        self.end = end
        self.isDefaultStart = isDefaultStart
        self.isDefaultEnd = isDefaultEnd
    }

    /// Fills the unset `since` and `until` of `bindings` with the default window and returns the window.
    ///
    /// Returns nil, leaving `bindings` unchanged, when the report does not declare both as `time`
    /// parameters, or when both are unset and the store has no request time (`newestRequest` is nil).
    public static func apply(
        to bindings: inout ReportBindings, definition: ReportDefinition, newestRequest: Timestamp?
    ) -> ReportWindow? {
        guard definition.parameter(named: "since")?.type == .time, definition.parameter(named: "until")?.type == .time
        else { return nil }
        let givenStart = bindings["since"].flatMap(microseconds)
        let givenEnd = bindings["until"].flatMap(microseconds)
        let defaultEnd = newestRequest.map { $0.microseconds + 1 }
        guard let end = givenEnd ?? defaultEnd ?? givenStart.map({ _ in Int64.max }) else { return nil }
        let start = givenStart ?? (end == Int64.max ? Int64.min : end - defaultLength)
        bindings.values["since"] = .integer(start)
        bindings.values["until"] = .integer(end)
        return ReportWindow(
            start: Timestamp(microseconds: start), end: Timestamp(microseconds: end),
            isDefaultStart: givenStart == nil, isDefaultEnd: givenEnd == nil)
    }

    private static func microseconds(_ value: SQLiteValue) -> Int64? {
        if case .integer(let number) = value { return number }
        return nil
    }
}
