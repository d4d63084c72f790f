/// The JSON type a field of an audit event must have.
public enum JSONValueType: String, Sendable, Equatable {
    case object
    case array
    case string
    case integer
}

/// Why a syntactically valid JSON value is not a usable audit event.
public enum AuditEventDefect: Sendable, Equatable {
    /// The line is a JSON value other than an object.
    case notAnObject
    /// The object has no `auditID`, which every audit event carries.
    case missingAuditID
    /// A known field has another type than the audit API defines (`null` is always accepted).
    case unexpectedType(field: String, expected: JSONValueType)
    /// A timestamp field holds a string that is not an RFC 3339 date-time.
    case invalidTimestamp(field: String)
}

/// An error raised while scanning an audit event line or decoding a `user` object.
public enum AuditEventScanError: Error, Sendable, Equatable {
    case invalidJSON(JSONSyntaxError)
    /// `offset` is where the offending value starts; `itemIndex` is the 0-based position of the
    /// event in an `EventList`, or nil for a line that holds one event.
    case invalidEvent(AuditEventDefect, offset: Int, itemIndex: Int?)

    /// The problem to report for the line.
    public var inputProblem: InputProblem {
        switch self {
        case .invalidJSON(let error):
            return .invalidJSON(column: error.offset + 1, message: error.description)
        case .invalidEvent(let defect, _, let itemIndex):
            let reason = defect.description
            guard let itemIndex else { return .invalidAuditEvent(reason: reason) }
            return .invalidAuditEvent(reason: "EventList item \(itemIndex): \(reason)")
        }
    }
}

extension AuditEventScanError {
    /// Returns this error of an object decoded on its own, restated for the line in which the
    /// object is the member `field` at offset `start`. Offsets then count from the line, and field
    /// names start with `field.`.
    func located(at start: Int, in field: String) -> AuditEventScanError {
        switch self {
        case .invalidJSON(var error):
            error.offset += start
            return .invalidJSON(error)
        case .invalidEvent(let defect, let offset, let itemIndex):
            return .invalidEvent(defect.within(field), offset: offset + start, itemIndex: itemIndex)
        }
    }
}

extension AuditEventDefect {
    fileprivate func within(_ parent: String) -> AuditEventDefect {
        switch self {
        case .notAnObject: .unexpectedType(field: parent, expected: .object)
        case .missingAuditID: self
        case .unexpectedType(let field, let expected): .unexpectedType(field: "\(parent).\(field)", expected: expected)
        case .invalidTimestamp(let field): .invalidTimestamp(field: "\(parent).\(field)")
        }
    }
}

extension AuditEventDefect: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notAnObject: "the value is not a JSON object"
        case .missingAuditID: "auditID is missing"
        case .unexpectedType(let field, let expected): "\(field) is not of type \(expected.rawValue)"
        case .invalidTimestamp(let field): "\(field) is not an RFC 3339 timestamp"
        }
    }
}
