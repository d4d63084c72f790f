/// The stage of an audit event, in the order the apiserver emits them.
public enum AuditStage: Int, Sendable, Comparable, CaseIterable {
    case requestReceived = 1
    case responseStarted = 2
    case responseComplete = 3
    case panic = 4

    public init?(name: String) {
        switch name {
        case "RequestReceived": self = .requestReceived
        case "ResponseStarted": self = .responseStarted
        case "ResponseComplete": self = .responseComplete
        case "Panic": self = .panic
        default: return nil
        }
    }

    /// The stage named by raw (unescaped) bytes, without building a `String`.
    public init?(bytes: UnsafeRawBufferPointer) {
        // The four names differ in length or in their third byte, so two comparisons pick the
        // candidate that the full comparison below confirms.
        switch bytes.count {
        case 15 where bytes[2] == UInt8(ascii: "q"): self = .requestReceived  // ReQuestReceived
        case 15: self = .responseStarted
        case 16: self = .responseComplete
        case 5: self = .panic
        default: return nil
        }
        guard bytes.equals(literal) else { return nil }
    }

    public var name: String { literal.description }

    private var literal: StaticString {
        switch self {
        case .requestReceived: "RequestReceived"
        case .responseStarted: "ResponseStarted"
        case .responseComplete: "ResponseComplete"
        case .panic: "Panic"
        }
    }

    /// Bit of this stage in a stage set stored as an integer.
    public var bit: Int { 1 << (rawValue - 1) }

    public static func < (lhs: AuditStage, rhs: AuditStage) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One audit `Event` as regions of the line it was scanned from.
///
/// The view is valid only while the closure that receives it runs: it points into a buffer that the
/// reader reuses. String fields are undecoded ranges; ask `string(_:)` for a Swift `String`, or
/// compare and hash the raw bytes through `bytes(_:)` without allocating. Timestamps are parsed
/// by the scanner because every consumer needs them.
public struct AuditEventView {
    /// The bytes of the whole line (or of the `EventList` item's enclosing line).
    public private(set) var line: UnsafeRawBufferPointer
    /// The event's own object within `line` when it is an `EventList` item; nil when the event is the
    /// whole line.
    public var eventRange: JSONValueRange?

    public var kind: JSONStringRange?
    public var apiVersion: JSONStringRange?
    public var level: JSONStringRange?
    public var auditID: JSONStringRange?
    public var stage: JSONStringRange?
    public var requestURI: JSONStringRange?
    public var verb: JSONStringRange?
    public var userAgent: JSONStringRange?
    /// The first entry of `sourceIPs`.
    public var sourceIP: JSONStringRange?

    /// The whole `user` object, braces included; `UserInfoDecoder` decodes it on demand.
    public var user: JSONValueRange?
    /// The whole `impersonatedUser` object, when the request used impersonation.
    public var impersonatedUser: JSONValueRange?

    public var objectResource: JSONStringRange?
    public var objectSubresource: JSONStringRange?
    public var objectNamespace: JSONStringRange?
    public var objectName: JSONStringRange?
    public var objectAPIGroup: JSONStringRange?
    public var objectAPIVersion: JSONStringRange?

    public var responseCode: Int?
    public var responseStatus: JSONStringRange?
    public var responseReason: JSONStringRange?
    public var responseMessage: JSONStringRange?

    /// `annotations["authorization.k8s.io/decision"]`.
    public var authorizationDecision: JSONStringRange?
    /// `annotations["authorization.k8s.io/reason"]`.
    public var authorizationReason: JSONStringRange?

    public var requestReceivedTimestamp: Timestamp?
    public var stageTimestamp: Timestamp?
    /// v1beta1 `timestamp` (seconds precision).
    public var legacyTimestamp: Timestamp?
    /// v1beta1 `metadata.creationTimestamp` (seconds precision).
    public var creationTimestamp: Timestamp?

    /// Whether `requestObject` or `responseObject` were present. Bodies are never stored; their
    /// ranges let the ingest read the few that matter, such as updates of the aws-auth ConfigMap.
    public var hasBodies: Bool = false
    public var requestObject: JSONValueRange?
    public var responseObject: JSONValueRange?

    public init(line: UnsafeRawBufferPointer) {
        self.line = line
    }

    /// The request time: `requestReceivedTimestamp`, else `timestamp`, else `metadata.creationTimestamp`.
    public var requestTime: Timestamp? {
        requestReceivedTimestamp ?? legacyTimestamp ?? creationTimestamp
    }

    /// The same event over another copy of its line: every range is an offset from the start of the
    /// line, so a view scanned on one thread can be used on another once its line is at hand there.
    public func rebased(onto line: UnsafeRawBufferPointer) -> AuditEventView {
        precondition(line.count == self.line.count, "a view can only be rebased onto the same line")
        var view = self
        view.line = line
        return view
    }

    /// The bytes of the event object alone: a line that scans to this event again.
    public var eventBytes: UnsafeRawBufferPointer {
        eventRange.map { bytes($0) } ?? line
    }

    /// The raw bytes of a range (still escaped when `hasEscapes` is set).
    public func bytes(_ range: JSONStringRange) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[range.start..<range.end])
    }

    public func bytes(_ range: JSONValueRange) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[range.start..<range.end])
    }

    /// Decodes a string range, resolving escapes. Invalid UTF-8 becomes U+FFFD.
    public func string(_ range: JSONStringRange) -> String {
        JSONStringDecoding.decode(bytes(range), hasEscapes: range.hasEscapes)
    }

    public func string(_ range: JSONStringRange?) -> String? {
        range.map { string($0) }
    }
}
