import Glibc

/// Words input diagnostics for people: `FILE:LINE: severity: message`, as compilers and linters do.
public enum DiagnosticRenderer {
    /// The one-line form printed on standard error.
    public static func render(_ diagnostic: Diagnostic) -> String {
        var location = diagnostic.source
        if let line = diagnostic.line {
            location += ":\(line)"
        } else if let offset = diagnostic.byteOffset {
            location += ":@\(offset)"
        }
        var message = describe(diagnostic.problem)
        if case .invalidDocument(let reason) = diagnostic.problem, diagnostic.severity != .error {
            // A warning or note about a document is advice, not a sign that the document is invalid.
            message = reason
        }
        return "\(location): \(diagnostic.severity.rawValue): \(message)"
    }

    /// The message alone, also stored in the `diagnostics` table.
    public static func describe(_ problem: InputProblem) -> String {
        switch problem {
        case .unreadable(let code):
            let hint = code == EACCES || code == EPERM ? "; check its permissions" : ""
            return "cannot read the file: \(SystemError.describe(code))\(hint)"
        case .notFound:
            return "no such file or folder"
        case .truncatedGzip(let offset):
            return "gzip data ends early at compressed byte \(offset); the records before the cut were kept"
        case .corruptGzip(let offset, let message):
            return "gzip data is corrupt at compressed byte \(offset) (\(message)); the records before it were kept"
        case .lineTooLong(let length, let maximum):
            return "line of \(length) bytes is longer than the maximum of \(maximum) bytes and was skipped;"
                + " raise --max-line-bytes to read it"
        case .invalidJSON(let column, let message):
            return "invalid JSON at column \(column): \(message); the line was skipped"
        case .invalidAuditEvent(let reason):
            return "not an audit event: \(reason); the line was skipped"
        case .invalidAuthenticatorLine(let reason):
            return "invalid aws-iam-authenticator line: \(reason); the line was skipped"
        case .invalidDocument(let reason):
            return "invalid document: \(reason)"
        case .unknownFormat:
            return "not an input kind authaudit reads (audit log, authenticator log, aws-auth or access entries,"
                + " RBAC dump, CloudTrail, directory export, SSO assignments); the file was skipped"
        case .emptyInput:
            return "the input is empty"
        case .noInputsFound:
            return "no file to read (hidden files, Markdown and READMEs are passed over); check the path"
        case .unsupportedKind(let name):
            return "\(name) input is recognised but not analysed by this version; the file was skipped"
        case .notFollowable:
            return "not a regular file or folder, so it cannot be followed; pipe it to 'authaudit tail -' instead"
        }
    }
}

/// Text for `errno` values.
enum SystemError {
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
