/// The command-line values given for a report's parameters, by parameter name, before conversion.
public struct ReportArguments: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// Converts the values to SQLite values by their declared types, binding NULL for every unset
    /// parameter except flags, which bind 0.
    ///
    /// - Parameters:
    ///   - anchor: the time a duration counts back from (the CLI passes the newest stored request time);
    ///     nil when there is none, which makes a duration an error.
    ///   - parseTime: the RFC 3339 parser for absolute times.
    public func bindings(
        for definition: ReportDefinition, anchor: Timestamp?, parseTime: (String) -> Timestamp?
    ) throws(ReportArgumentError) -> ReportBindings {
        for name in values.keys.sorted() where definition.parameter(named: name) == nil {
            throw ReportArgumentError.undeclaredParameter(report: definition.name, name: name)
        }
        var bound: [String: SQLiteValue] = [:]
        for parameter in definition.parameters {
            guard let text = values[parameter.name] else {
                bound[parameter.name] = parameter.type == .flag ? .integer(0) : .null
                continue
            }
            bound[parameter.name] = try Self.convert(text, for: parameter, anchor: anchor, parseTime: parseTime)
        }
        if case .integer(let since) = bound["since"], case .integer(let until) = bound["until"], since >= until,
            let sinceText = values["since"], let untilText = values["until"]
        {
            throw ReportArgumentError.emptyWindow(since: sinceText, until: untilText)
        }
        return ReportBindings(bound)
    }

    private static func convert(
        _ text: String, for parameter: ReportParameter, anchor: Timestamp?, parseTime: (String) -> Timestamp?
    ) throws(ReportArgumentError) -> SQLiteValue {
        let invalid = ReportArgumentError.invalidValue(parameter: parameter.name, type: parameter.type, value: text)
        switch parameter.type {
        case .text:
            return .text(text)
        case .integer:
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let number = Int64(text) else {
                throw invalid
            }
            return .integer(number)
        case .flag:
            switch text {
            case "true", "1", "yes": return .integer(1)
            case "false", "0", "no": return .integer(0)
            default: throw invalid
            }
        case .time:
            if let duration = RelativeDuration(text) {
                guard let anchor else { throw ReportArgumentError.durationWithoutAnchor(parameter: parameter.name) }
                let (start, overflow) = anchor.microseconds.subtractingReportingOverflow(duration.microseconds)
                guard !overflow else { throw invalid }
                return .integer(start)
            }
            guard let time = parseTime(text) else { throw invalid }
            return .integer(time.microseconds)
        }
    }
}

/// The SQLite value of every declared parameter of one report run, by parameter name.
public struct ReportBindings: Sendable, Equatable {
    public var values: [String: SQLiteValue]

    public init(_ values: [String: SQLiteValue] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> SQLiteValue? {
        values[name]
    }
}

public enum ReportArgumentError: Error, Sendable, Equatable {
    /// A value was given for a parameter the report does not declare.
    case undeclaredParameter(report: String, name: String)
    /// The value does not fit the parameter's type; for `time`, it is neither RFC 3339 nor a duration.
    case invalidValue(parameter: String, type: ReportParameterType, value: String)
    /// A duration was given but there is no anchor time to count back from (the store has no requests).
    case durationWithoutAnchor(parameter: String)
    /// `--since` is not before `--until`, so the window is empty.
    case emptyWindow(since: String, until: String)
}
