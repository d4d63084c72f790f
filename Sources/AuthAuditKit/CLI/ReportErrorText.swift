/// Wording of the report machinery's errors: report files, parameters and SQL runs.
enum ReportErrorText {
    static func describe(_ error: ReportArgumentError) -> String {
        switch error {
        case .undeclaredParameter(let report, let name):
            return "report '\(report)' has no parameter --\(name)"
        case .invalidValue(let parameter, let type, let value):
            let expected: String
            switch type {
            case .time: expected = "an RFC 3339 time (2024-05-01T08:00:00Z) or a duration (90s, 30m, 12h, 7d, 2w, 1d12h)"
            case .integer: expected = "a whole number"
            case .flag: expected = "true or false"
            case .text: expected = "text"
            }
            return "invalid value '\(value)' for --\(parameter): expected \(expected)"
        case .durationWithoutAnchor(let parameter):
            return "--\(parameter) is a duration, which counts back from the newest stored request, but the store"
                + " has no requests; give an RFC 3339 time or ingest logs first"
        case .emptyWindow(let since, let until):
            return "--since \(since) is not before --until \(until), so no request can match;"
                + " give a --since earlier than --until"
        }
    }

    static func describe(_ error: ReportDefinitionError) -> String {
        let place = error.line.map { "\(error.path):\($0)" } ?? error.path
        let reason: String
        switch error.reason {
        case .unreadable(let code): reason = "cannot be read: \(SystemError.describe(code))"
        case .notUTF8: reason = "is not UTF-8 text"
        case .malformedLine: reason = "header line is not '-- field: value'"
        case .continuationWithoutField: reason = "continuation line has no field before it"
        case .unknownField(let field): reason = "unknown header field '\(field)'"
        case .duplicateField(let field): reason = "header field '\(field)' is given twice"
        case .emptyValue(let field): reason = "header field '\(field)' is empty"
        case .missingDescription: reason = "header has no 'description:' field"
        case .invalidName(let name): reason = "report name '\(name)' may use only a-z, 0-9, - and _"
        case .incompleteParameter: reason = "'param:' needs a name, a type and a summary"
        case .invalidParameterName(let name): reason = "parameter name '\(name)' is not a valid SQL parameter name"
        case .unknownParameterType(let type): reason = "unknown parameter type '\(type)' (use time, text, integer or flag)"
        case .duplicateParameter(let name): reason = "parameter '\(name)' is declared twice"
        case .invalidHeadline(let value): reason = "'headline:' must be true or false, not '\(value)'"
        case .invalidChanges(let value):
            reason = "'changes:' must be 'key=COLUMN,... added=LABEL removed=LABEL [changed=LABEL]', not '\(value)'"
        case .missingSQL: reason = "has a header but no SQL"
        case .duplicateName(let name, let other): reason = "report name '\(name)' is also used by \(other), which is kept"
        }
        return "report file \(place): \(reason)"
    }

    static func describe(_ error: SQLRunError) -> String {
        var place: String
        switch error.source {
        case .reportFile(let path): place = "report file \(path)"
        case .query: place = "query"
        }
        if let line = error.line { place += ", line \(line)" }
        switch error.reason {
        case .sqlite(let sqlite):
            return "\(place): \(sqlite.message)"
        case .notReadOnly:
            return "\(place): the statement would change the store; reports and queries are read-only"
        case .undeclaredParameter(let name):
            return "\(place): parameter :\(name) is not declared in the report header ('-- param: \(name) TYPE SUMMARY')"
        case .positionalParameter(let index):
            return "\(place): positional parameter ?\(index) cannot be bound; use a named parameter such as :since"
        case .noStatements:
            return "\(place): no SQL statement to run"
        }
    }
}
