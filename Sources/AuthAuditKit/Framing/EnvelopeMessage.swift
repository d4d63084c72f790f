/// One CloudWatch log event taken out of its envelope: the log line as the control plane wrote it.
public struct EnvelopeMessage: Sendable, Equatable {
    /// The inner log line, unescaped: an audit event's JSON or an aws-iam-authenticator line.
    public var message: [UInt8]
    /// The log group, when the envelope names it (subscription envelopes, Insights `@log`).
    public var logGroup: String?
    /// The log stream, when the envelope names it (all shapes but export lines, whose stream is in the S3 key).
    public var logStream: String?
    /// The CloudWatch event time, set by EKS on ingestion; it is not the audit `requestReceivedTimestamp`.
    public var timestamp: Timestamp?
    public var origin: EnvelopeOrigin
    /// Present when CloudWatch cut the message at its 256 KiB event limit.
    public var truncation: MessageTruncation?

    public var isTruncated: Bool { truncation != nil }

    public init(
        message: [UInt8],
        logGroup: String? = nil,
        logStream: String? = nil,
        timestamp: Timestamp? = nil,
        origin: EnvelopeOrigin,
        truncation: MessageTruncation? = nil
    ) {
        self.message = message
        self.logGroup = logGroup
        self.logStream = logStream
        self.timestamp = timestamp
        self.origin = origin
        self.truncation = truncation
    }
}

/// The position of a message in the decompressed input.
public struct EnvelopeOrigin: Sendable, Equatable {
    /// The 1-based line of the decompressed stream where the message's line, record or JSON object starts.
    public var line: Int
    /// The byte offset of that line, record or object from the start of the decompressed stream.
    public var offset: Int
    /// The 1-based index of the JSON object that contained the message: an envelope, an `events` element or
    /// an Insights result. Nil for the line and CSV shapes.
    public var objectIndex: Int?
    /// The 0-based position of the message in its envelope's `logEvents`, for subscription envelopes.
    public var eventIndex: Int?

    public init(line: Int, offset: Int, objectIndex: Int? = nil, eventIndex: Int? = nil) {
        self.line = line
        self.offset = offset
        self.objectIndex = objectIndex
        self.eventIndex = eventIndex
    }
}
