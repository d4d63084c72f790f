/// An aws-iam-authenticator log line that looks like logrus output but cannot be read.
public struct AuthenticatorLineError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A `"` opens a value that the line never closes.
        case unterminatedQuote
        /// A backslash escape that Go's `%q` quoting never writes.
        case invalidEscape
        /// A token of the text form without the `=` of `key=value`.
        case missingEquals
        /// The `time` field is not an RFC 3339 date-time.
        case invalidTimestamp
        /// `groups` in the JSON form is neither a string nor an array of strings.
        case invalidGroups
        /// The JSON form is not valid JSON.
        case invalidJSON(JSONSyntaxError)
    }

    public var reason: Reason
    /// The 0-based byte offset in the line where the problem starts.
    public var offset: Int

    public init(_ reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The problem to report for the line.
    public var inputProblem: InputProblem {
        .invalidAuthenticatorLine(reason: "\(reason) at column \(offset + 1)")
    }
}

extension AuthenticatorLineError.Reason: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unterminatedQuote: "quoted value without closing quote"
        case .invalidEscape: "invalid escape sequence in quoted value"
        case .missingEquals: "token is not of the form key=value"
        case .invalidTimestamp: "time is not an RFC 3339 timestamp"
        case .invalidGroups: "groups is not an array of strings"
        case .invalidJSON(let error): "invalid JSON: \(error)"
        }
    }
}
