/// Settings of one ingest run.
public struct IngestOptions: Sendable {
    /// Lines longer than this many bytes are skipped with a diagnostic.
    public var maximumLineLength: Int = 64 * 1024 * 1024
    /// Stop at the first malformed record or unreadable input instead of going on.
    public var isStrict = false
    /// Records written between two commits.
    public var batchSize = 50_000
    /// The cluster the inputs come from, for inputs that do not name theirs (CloudWatch deliveries
    /// name it in their log group).
    public var cluster: String?
    /// Largest whole-document input (ConfigMap, RBAC dump, pretty-printed JSON) read into memory.
    public var maximumDocumentSize = 256 * 1024 * 1024

    public init() {}
}

/// What one ingest run read, stored and skipped.
public struct IngestSummary: Sendable, Equatable {
    public var inputsRead = 0
    /// Inputs skipped whole: unknown formats, unreadable files, unsupported kinds.
    public var inputsSkipped = 0
    /// Inputs not read again because the same bytes were read completely before.
    public var inputsUnchanged = 0
    public var lines = 0
    public var auditEvents = 0
    public var authenticatorLines = 0
    public var mappingEntries = 0
    /// aws-auth ConfigMap updates found in the audit log.
    public var mappingUpdates = 0
    /// Directory exports, SSO assignments and EKS access entries read.
    public var referenceDocuments = 0
    /// CloudTrail role assumptions read.
    public var roleAssumptions = 0
    public var rbacObjects = 0
    /// Malformed records and lines that were counted and skipped.
    public var recordsSkipped = 0
    public var errors = 0
    public var warnings = 0
    /// The place where `--strict` stopped reading, or nil when reading was not stopped. Its line
    /// is nil when the error was about the input as a whole.
    public var strictStop: StrictStopPlace?
    public var before = StoreCounts.zero
    public var after = StoreCounts.zero

    public init() {}

    /// Whether anything was skipped or failed, which makes the exit status 1.
    public var hasProblems: Bool {
        inputsSkipped > 0 || recordsSkipped > 0 || errors > 0
    }
}

extension StoreCounts {
    public static let zero = StoreCounts(
        requests: 0, forbidden: 0, unauthorized: 0, identities: 0, authenticatorEvents: 0, mappingEntries: 0,
        rbacObjects: 0)
}

/// Receives diagnostics and progress while an ingest runs.
public protocol IngestObserver: AnyObject {
    func ingest(didReport diagnostic: Diagnostic)
    func ingest(didStart source: String, kind: String, totalBytes: Int64?)
    func ingest(didProgress source: String, bytesRead: Int64, records: Int)
    func ingestDidFinishSource(_ source: String)
    /// A file found in a folder walk that is read through another path (a link, or its uncompressed original).
    func ingest(didSkip input: SkippedInput)
}

/// The input and line at which `ingest --strict` stopped reading.
public struct StrictStopPlace: Sendable, Equatable {
    public var source: String
    public var line: Int?
}
