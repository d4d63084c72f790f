/// Words every error a command can end with, as `authaudit: error: …` lines for standard error.
enum ErrorRenderer {
    static func render(_ error: any Error) -> String {
        "authaudit: error: " + describe(error)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as UsageError:
            return describe(error)
        case let error as SQLiteError:
            var text = "database \(error.path): \(error.message) (SQLite code \(error.code))"
            if error.primaryCode == 5 || error.primaryCode == 6 {
                text += "; another authaudit process may be writing to it, try again when it ends"
            }
            return text
        case let error as SchemaError:
            switch error {
            case .newerSchema(let migration, let path):
                return "database \(path) was written by a newer authaudit (migration \(migration));"
                    + " upgrade authaudit or use another --db"
            case .notAStore(let path):
                return "\(path) is not an authaudit store; point --db at a store made by 'authaudit ingest'"
            case .olderSchemaNotUpgraded(let migration, let path, let reason):
                return "database \(path) was written by an older authaudit and lacks \(migration), but could not"
                    + " be upgraded (\(reason)); run this command once with write access to the file and its folder"
            }
        case let error as InputOpenError:
            return "\(error.path): " + DiagnosticRenderer.describe(error.problem)
        case let error as DocumentTooLargeError:
            return "\(error.source): larger than \(error.limit) bytes, the maximum for a document"
        case let error as TailError:
            switch error {
            case .systemCall(let name, let code):
                return "tail cannot run: \(name) failed: \(SystemError.describe(code))"
            }
        case is InputDiscoveryError:
            return "standard input (-) can be read only once; give - a single time"
        case let error as StoreMissingError:
            return "no store at \(error.path); run 'authaudit ingest INPUT...' first, or point --db or AUTHAUDIT_DB"
                + " at an existing store"
        case let error as ReportLookupError:
            switch error {
            case .notFound(let name, let suggestions):
                return "no report named '\(name)'" + didYouMean(suggestions) + " ('authaudit reports' lists them)"
            }
        case let error as ReportArgumentError:
            return ReportErrorText.describe(error)
        case let error as ReportDefinitionError:
            return ReportErrorText.describe(error)
        case let error as SQLRunError:
            return ReportErrorText.describe(error)
        default:
            return String(describing: error)
        }
    }

    static func describe(_ error: UsageError) -> String {
        switch error {
        case .missingCommand:
            return "missing command"
        case .unknownCommand(let name, let suggestions):
            return "unknown command '\(name)'" + didYouMean(suggestions)
        case .unknownOption(let option, let command, let suggestions):
            return "unknown option '\(option)' for '\(command)'" + didYouMean(suggestions)
        case .missingValue(let option):
            return "option '\(option)' needs a value"
        case .unexpectedValue(let option):
            return "option '\(option)' takes no value"
        case .repeatedOption(let option):
            return "option '\(option)' was given more than once"
        case .missingArgument(let name):
            return "missing argument \(name)"
        case .unexpectedArgument(let argument):
            return "unexpected argument '\(argument)'"
        case .invalidValue(let option, let value, let reason):
            return "invalid value '\(value)' for \(option): \(reason)"
        case .conflictingOptions(let first, let second):
            return "options \(first) and \(second) cannot be used together"
        }
    }

    private static func didYouMean(_ suggestions: [String]) -> String {
        guard !suggestions.isEmpty else { return "" }
        return "; did you mean " + suggestions.prefix(3).map { "'\($0)'" }.joined(separator: " or ") + "?"
    }
}

/// The store named for a read-only command does not exist.
struct StoreMissingError: Error {
    var path: String
}
