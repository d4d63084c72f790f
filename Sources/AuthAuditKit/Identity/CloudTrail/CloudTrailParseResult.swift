/// Why one CloudTrail record could not be used.
public enum CloudTrailRecordError: Error, Sendable, Equatable {
    /// The text is not valid JSON; the rest of that line (or document) was skipped.
    case invalidJSON(JSONSyntaxError)
    /// The value is not a JSON object, so it is neither a record nor a `{"Records":[…]}` wrapper.
    case notAnObject
    /// The object has neither `eventName` nor `Records`.
    case notARecord
    /// A field that a successful role assumption must have is missing or has the wrong JSON type.
    case missingField(String)
    /// `eventTime` is not an RFC 3339 time.
    case invalidEventTime(String)
}

extension CloudTrailRecordError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidJSON(let error): "invalid JSON: \(error)"
        case .notAnObject: "the value is not a JSON object"
        case .notARecord: "the object has neither eventName nor Records"
        case .missingField(let field): "\(field) is missing or not a string"
        case .invalidEventTime(let text): "eventTime '\(text)' is not an RFC 3339 time"
        }
    }
}

/// A CloudTrail record that could not be used, located in its input.
public struct CloudTrailRecordProblem: Sendable, Equatable {
    /// The 1-based line where the record (or the JSON error) starts.
    public var line: Int
    /// The 1-based byte column in that line, for JSON errors.
    public var column: Int?
    /// The 0-based index of the record among the records of the input, when the problem belongs to one record.
    public var recordIndex: Int?
    public var error: CloudTrailRecordError

    public init(line: Int, column: Int? = nil, recordIndex: Int?, error: CloudTrailRecordError) {
        self.line = line
        self.column = column
        self.recordIndex = recordIndex
        self.error = error
    }
}

/// The role assumptions read from one CloudTrail input, with counts of what was skipped.
public struct CloudTrailParseResult: Sendable, Equatable {
    public var source: String
    /// Successful `AssumeRole`, `AssumeRoleWithSAML` and `AssumeRoleWithWebIdentity` calls, in input order.
    public var assumptions: [RoleAssumption] = []
    /// Records of other events, which carry nothing about how sessions were created.
    public var otherEventCount = 0
    /// Role assumption records with an `errorCode`: the call failed and created no session.
    public var failedCallCount = 0
    public var problems: [CloudTrailRecordProblem] = []

    public init(source: String) {
        self.source = source
    }

    /// All records seen, including the bad ones.
    public var recordCount: Int {
        assumptions.count + otherEventCount + failedCallCount + problems.filter { $0.recordIndex != nil }.count
    }

    /// The problems as input diagnostics, one per bad record or JSON error.
    ///
    /// NOTE: `InputProblem` has no CloudTrail case yet, so record errors use `invalidDocument` with the
    /// record index in the reason; JSON errors use `invalidJSON`.
    public var diagnostics: [Diagnostic] {
        problems.map { problem in
            let inputProblem: InputProblem
            switch problem.error {
            case .invalidJSON(let error):
                inputProblem = .invalidJSON(column: problem.column ?? error.offset + 1, message: error.description)
            default:
                let record = problem.recordIndex.map { "CloudTrail record \($0): " } ?? "CloudTrail record: "
                inputProblem = .invalidDocument(reason: record + problem.error.description)
            }
            return Diagnostic(severity: .error, source: source, line: problem.line, problem: inputProblem)
        }
    }
}
