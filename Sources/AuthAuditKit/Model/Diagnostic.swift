/// What went wrong with one input, one record or one region of compressed bytes.
///
/// Cases carry data only; `DiagnosticRenderer` words them for people.
public enum InputProblem: Sendable, Equatable {
    case unreadable(errno: Int32)
    case notFound
    /// The gzip stream ends before its trailer; records before the cut were kept.
    case truncatedGzip(compressedOffset: Int64)
    /// zlib rejected the data at this offset of the compressed file.
    case corruptGzip(compressedOffset: Int64, message: String)
    /// A line longer than the maximum was skipped.
    case lineTooLong(length: Int, maximum: Int)
    /// The line is not valid JSON; `column` is the 1-based byte offset in the line.
    case invalidJSON(column: Int, message: String)
    /// The line is JSON but not an audit event (for example `auditID` is missing).
    case invalidAuditEvent(reason: String)
    /// A line of an authenticator log that could not be parsed.
    case invalidAuthenticatorLine(reason: String)
    /// An aws-auth ConfigMap, IAMIdentityMapping or RBAC document that could not be used.
    case invalidDocument(reason: String)
    /// The content matches no input kind that authaudit reads.
    case unknownFormat
    /// The input holds no bytes (for example a log just truncated by copytruncate rotation).
    case emptyInput
    /// The arguments named folders, but they hold no file to read.
    case noInputsFound
    /// The content is of a kind authaudit recognises but does not analyse yet.
    case unsupportedKind(name: String)
    /// The path is neither a regular file nor a folder (a device, FIFO or socket), so `tail` cannot
    /// follow it.
    case notFollowable
}

public enum DiagnosticSeverity: String, Sendable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found while reading input, located by source name and line.
public struct Diagnostic: Sendable, Equatable {
    public var severity: DiagnosticSeverity
    /// The file path as given or discovered, or `<stdin>`.
    public var source: String
    /// The 1-based line number in the decompressed stream, when the problem belongs to a line.
    public var line: Int?
    /// The content offset where the line starts, for a line whose number is not known (`tail` resuming a
    /// file from a checkpoint).
    public var byteOffset: Int64?
    public var problem: InputProblem

    public init(
        severity: DiagnosticSeverity, source: String, line: Int? = nil, byteOffset: Int64? = nil, problem: InputProblem
    ) {
        self.severity = severity
        self.source = source
        self.line = line
        self.byteOffset = byteOffset
        self.problem = problem
    }
}
