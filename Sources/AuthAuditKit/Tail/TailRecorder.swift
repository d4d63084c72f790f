/// Stores the lines `authaudit tail` reads, through the same writers as `ingest`, and returns the requests
/// that each line completed.
///
/// A request is returned when the event just stored is the first of its `auditID` with a response code:
/// ResponseStarted, ResponseComplete or Panic. A policy that omits RequestReceived (`omitStages`) still
/// logs ResponseComplete with its code. The check is made against the store, not against memory, so a request is returned
/// once even across restarts and files, and requests that `ingest` stored earlier are not returned again.
/// A request seen only at RequestReceived is stored and not returned. An authenticator `access denied`
/// line is returned the first time it is stored.
///
/// The caller opens and commits the batch around `record`, together with the checkpoints.
final class TailRecorder {
    /// One input: a followed file (by device and inode) or standard input, and where the line is in it.
    struct Origin {
        var key: Key
        var path: String
        /// The 1-based line number, nil when it is not known.
        var lineNumber: Int?
        /// The content offset of the line's first byte, named in diagnostics when the line number is unknown.
        var offset: Int64?

        struct Key: Hashable {
            var device: UInt64
            var inode: UInt64

            static let standardInput = Key(device: .max, inode: .max)
        }
    }

    private let store: AuditStore
    private let lookup: TailIdentityLookup
    private let clusterID: Int64?
    private let hasResponse: SQLiteStatement
    private var auditIDBuffer = [UInt8](repeating: 0, count: 256)
    private var kinds: [Origin.Key: TailLineKind] = [:]
    private var sourceIDs: [Origin.Key: Int64] = [:]
    /// Lines that could not be read as their input's kind or were too long, and damaged gzip files, for the
    /// summary and the exit status.
    private(set) var skippedLines = 0
    /// The diagnostic location of the line being recorded.
    private var location: (source: String, line: Int?, byteOffset: Int64?) = ("", nil, nil)
    /// Diagnostics of skipped lines stored in the current batch and not printed yet.
    private var pendingDiagnostics: [Diagnostic] = []
    private var observer: ConsoleObserver?

    init(store: AuditStore, lookup: TailIdentityLookup, clusterID: Int64?) throws {
        self.store = store
        self.lookup = lookup
        self.clusterID = clusterID
        hasResponse = try store.connection.prepare(
            "SELECT code IS NOT NULL FROM requests WHERE received_at = ? AND audit_id = ?", persistent: true)
    }

    /// Stores one line of a followed file and returns the requests it completed.
    func record(_ line: FollowedLine) throws -> [TailRequest] {
        let key = Origin.Key(device: line.fileIdentity.device, inode: line.fileIdentity.inode)
        let origin = Origin(key: key, path: line.path, lineNumber: line.lineNumber, offset: line.startOffset)
        return try record(line.lineBytes, from: origin)
    }

    /// Counts a line of a followed file that was too long to read as skipped, and stores its diagnostic.
    func record(_ line: TooLongLine) throws {
        let key = Origin.Key(device: line.fileIdentity.device, inode: line.fileIdentity.inode)
        let origin = Origin(key: key, path: line.path, lineNumber: line.lineNumber, offset: line.startOffset)
        try recordTooLongLine(length: line.length, maximum: line.maximum, from: origin)
    }

    /// Stores one line and returns the requests it completed. A line that cannot be read is skipped with an
    /// error diagnostic, stored in the batch and printed by `printDiagnostics`.
    func record(_ line: [UInt8], from origin: Origin) throws -> [TailRequest] {
        location = Self.location(of: origin)
        guard !line.withUnsafeBytes({ ScannedBatch.isBlank($0) }) else { return [] }
        let kind = kinds[origin.key] ?? TailLineKind.detect(line)
        if kind == .unknown {
            // The kind is detected again on the next line, so one stray first line does not decide it.
            try skip(.invalidAuditEvent(reason: "the line is neither an audit event nor an authenticator line"))
            return []
        }
        kinds[origin.key] = kind
        let sourceID = try sourceID(origin, kind: kind)
        switch kind {
        case .auditEvents:
            return try recordAuditEvents(line, sourceID: sourceID, path: origin.path)
        case .authenticatorLog:
            return try recordAuthenticatorLine(line, sourceID: sourceID, path: origin.path)
        case .cloudWatchTail:
            return try recordCloudWatchLine(line, sourceID: sourceID, path: origin.path)
        case .unknown:
            return []
        }
    }

    /// Returns the file with the line number, or with the line's byte offset when only that is known, as
    /// after a restart from a checkpoint (printed as `FILE:@OFFSET`).
    private static func location(of origin: Origin) -> (String, Int?, Int64?) {
        if let number = origin.lineNumber {
            return (origin.path, number, nil)
        }
        return (origin.path, nil, origin.offset)
    }

    /// Counts a line too long to read as skipped and stores its diagnostic in the current batch. The severity
    /// is a warning, as `ingest` gives it.
    func recordTooLongLine(length: Int, maximum: Int, from origin: Origin) throws {
        location = Self.location(of: origin)
        try skip(.lineTooLong(length: length, maximum: maximum), severity: .warning)
    }

    /// Counts a problem of a whole input, such as gzip damage, as skipped input and stores its diagnostic in
    /// the current batch.
    func recordInputProblem(_ diagnostic: Diagnostic) throws {
        location = (diagnostic.source, diagnostic.line, diagnostic.byteOffset)
        try skip(diagnostic.problem, severity: diagnostic.severity)
    }

    /// Counts a skipped line and stores its diagnostic in the current batch.
    private func skip(_ problem: InputProblem, severity: DiagnosticSeverity = .error) throws {
        skippedLines += 1
        let diagnostic = Diagnostic(
            severity: severity, source: location.source, line: location.line, byteOffset: location.byteOffset,
            problem: problem)
        try store.record(diagnostic, problemText: DiagnosticRenderer.describe(problem))
        pendingDiagnostics.append(diagnostic)
    }

    /// Prints the diagnostics of the lines skipped since the last call on standard error, at most
    /// `ConsoleObserver.diagnosticsPerSource` per file unless `isVerbose`. Called after the batch is committed.
    ///
    /// NOTE: a line named by offset (`FILE:@OFFSET`) is its own source for that limit, and the count of
    /// diagnostics left out is never printed, because tail never finishes a source.
    func printDiagnostics(isVerbose: Bool) {
        let observer = self.observer ?? ConsoleObserver(isVerbose: isVerbose, showsProgress: false)
        self.observer = observer
        for diagnostic in pendingDiagnostics {
            observer.ingest(didReport: diagnostic)
        }
        pendingDiagnostics.removeAll()
    }

    private func sourceID(_ origin: Origin, kind: TailLineKind) throws -> Int64 {
        if let id = sourceIDs[origin.key] {
            return id
        }
        let id = try store.beginSource(path: origin.path, kind: kind.inputKind, size: nil, fingerprint: nil)
        sourceIDs[origin.key] = id
        return id
    }

    /// Reads the messages of one `aws logs tail` text line. Each line is decoded on its own, so the
    /// message is stored at once rather than when the next line arrives.
    ///
    /// NOTE: a message spread over several lines (`aws logs tail --format json` pretty-prints JSON) is
    /// not joined; only the default single-line text output is read.
    private func recordCloudWatchLine(_ line: [UInt8], sourceID: Int64, path: String) throws -> [TailRequest] {
        let decoder = EnvelopeDecoder(kind: .tailText, source: path)
        let messages = decoder.decode(line + [0x0A]) + decoder.finish()
        for diagnostic in decoder.takeDiagnostics() where diagnostic.severity == .error {
            try skip(diagnostic.problem)
        }
        var requests: [TailRequest] = []
        for message in messages {
            switch message.logStream.map(LogStreamKind.init(streamName:)) {
            case .other:
                continue
            case .authenticator:
                requests += try recordAuthenticatorLine(message.message, sourceID: sourceID, path: path)
            case .audit:
                requests += try recordAuditEvents(message.message, sourceID: sourceID, path: path)
            case nil:
                if message.message.first == 0x7B {  // {
                    requests += try recordAuditEvents(message.message, sourceID: sourceID, path: path)
                } else {
                    requests += try recordAuthenticatorLine(message.message, sourceID: sourceID, path: path)
                }
            }
        }
        return requests
    }

    private func recordAuditEvents(_ line: [UInt8], sourceID: Int64, path: String) throws -> [TailRequest] {
        var requests: [TailRequest] = []
        do {
            try line.withUnsafeBytes { bytes in
                try AuditEventScanner.scan(line: bytes) { event in
                    guard let auditID = event.auditID, auditID.count > 0 else {
                        try skip(AuditEventError.missingAuditID.problem)
                        return
                    }
                    guard let keyTime = RequestWriter.keyTime(of: event) else {
                        try skip(AuditEventError.missingTimestamp.problem)
                        return
                    }
                    // Only an event with a code can complete a request, so only then is the store asked.
                    let completes = try event.responseCode != nil && !hasStoredResponse(keyTime, event.bytes(auditID))
                    try store.write(event, sourceID: sourceID, clusterID: clusterID)
                    if event.hasBodies {
                        _ = try AwsAuthUpdateCapture.capture(event, sourceID: sourceID, store: store)
                    }
                    if completes {
                        requests.append(request(from: event, path: path))
                    }
                }
            }
        } catch let error as AuditEventScanError {
            try skip(error.inputProblem)
        } catch let error as AuditEventError {
            try skip(error.problem)
        }
        return requests
    }

    private func recordAuthenticatorLine(_ line: [UInt8], sourceID: Int64, path: String) throws -> [TailRequest] {
        let record: AuthenticatorRecord
        do {
            guard let parsed = try line.withUnsafeBytes({ try AuthenticatorLineParser.parse($0) }) else { return [] }
            record = parsed
        } catch let error as AuthenticatorLineError {
            try skip(error.inputProblem)
            return []
        }
        try line.withUnsafeBytes { try store.write(record, line: $0, sourceID: sourceID) }
        guard record.message == .accessDenied, store.connection.changes > 0 else { return [] }
        return [
            TailRequest(
                time: record.time, username: record.username, groups: record.groups ?? [], iamPrincipal: record.arn,
                outcome: .authenticationFailed, source: path)
        ]
    }

    /// Returns whether the store has a response code for this audit ID already.
    private func hasStoredResponse(_ keyTime: Int64, _ auditID: UnsafeRawBufferPointer) throws -> Bool {
        hasResponse.reset()
        defer { hasResponse.reset() }
        hasResponse.bind(keyTime, at: 1)
        let length = auditIDBuffer.withUnsafeMutableBytes { AuditIDEncoding.encode(auditID, into: $0) }
        auditIDBuffer.withUnsafeBytes { hasResponse.bindBlob(UnsafeRawBufferPointer(rebasing: $0[0..<length]), at: 2) }
        guard try hasResponse.step() else { return false }
        return hasResponse.int64(at: 0) == 1
    }

    private func request(from event: AuditEventView, path: String) -> TailRequest {
        let time = event.stageTimestamp ?? event.requestTime
        var request = TailRequest(
            time: time, auditID: event.string(event.auditID), verb: event.string(event.verb),
            namespace: event.string(event.objectNamespace), name: event.string(event.objectName),
            code: event.responseCode, outcome: TailRequest.Outcome(code: event.responseCode), source: path)
        if let resource = event.string(event.objectResource) {
            let subresource = event.string(event.objectSubresource) ?? ""
            request.resource = subresource.isEmpty ? resource : resource + "/" + subresource
        } else {
            request.resource = event.string(event.requestURI)
        }
        if let range = event.user {
            let userBytes = Array(event.bytes(range))
            if let user = try? userBytes.withUnsafeBytes({ try UserInfoDecoder.decode($0) }) {
                let resolved = lookup.resolve(user, userBytes: userBytes, at: time)
                request.username = user.username
                request.groups = user.groups + resolved.groups
                request.person = resolved.chain.value(.person)
                request.iamPrincipal = resolved.chain.value(.iamRole) ?? resolved.chain.value(.iamUser)
            }
        }
        return request
    }
}
