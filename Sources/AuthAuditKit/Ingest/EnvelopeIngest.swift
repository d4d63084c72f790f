/// Reads CloudWatch Logs deliveries (export-to-S3 lines, subscription and Firehose objects, `aws
/// logs` output, Logs Insights exports): each log message inside is stored as if it were a line of
/// a plain audit or authenticator log.
///
/// A message's kind comes from its log stream (`kube-apiserver-audit-…`, `authenticator-…`) when
/// the shape names one, else from its content. Messages of other streams (the apiserver's own log,
/// the scheduler) are passed over. A message CloudWatch cut at 256 KiB (`[Truncated...]`) cannot be
/// read as JSON and is reported with its audit ID, when one could be found.
///
/// Each request takes its cluster from the log group (`/aws/eks/<cluster>/cluster`) when the shape
/// names one, else the `--cluster` of the ingest.
struct EnvelopeIngest {
    let store: AuditStore
    let sourceID: Int64
    let source: String

    private(set) var records = 0
    private(set) var auditEvents = 0
    private(set) var authenticatorLines = 0
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var skipped = 0

    let defaultClusterID: Int64?
    private var clusterIDs: [String: Int64] = [:]

    init(store: AuditStore, sourceID: Int64, source: String, defaultClusterID: Int64?) {
        self.store = store
        self.sourceID = sourceID
        self.source = source
        self.defaultClusterID = defaultClusterID
    }

    private mutating func clusterID(of message: EnvelopeMessage) throws -> Int64? {
        guard let group = message.logGroup, let name = EKSLogGroup.clusterName(fromLogGroup: group) else {
            return defaultClusterID
        }
        if let id = clusterIDs[name] { return id }
        let id = try store.clusterID(named: name)
        clusterIDs[name] = id
        return id
    }

    /// Decodes every line of the reader's batches on the reader thread and stores the messages
    /// inside on this one.
    mutating func read(_ reader: LineBatchReader, kind: EnvelopeKind) throws -> Int {
        let decoder = DecoderTransfer(decoder: EnvelopeDecoder(kind: kind, source: source))
        store.beginAuthenticatorStream()
        // Records of these shapes need not end at a newline (Firehose joins objects with `}{`), so
        // the decoder gets unframed chunks.
        let pipeline = BatchPipeline<DecodedBatch>(reader: reader) { reader in
            reader.nextChunk().map { decoder.decode(chunk: $0) }
        }
        defer { pipeline.cancel() }
        var lines = 0
        while let item = pipeline.next() {
            let decoded = item.element
            lines += decoded.lines
            try storeMessages(decoded.messages)
        }
        // The reader thread has ended once the queue is drained, so the decoder is this thread's now.
        try storeMessages(decoder.decoder.finish())
        let problems = decoder.decoder.takeDiagnostics()
        diagnostics += problems
        skipped += problems.filter { $0.severity == .error }.count
        let readingProblems = reader.takeDiagnostics()
        diagnostics += readingProblems
        skipped += readingProblems.count
        return lines
    }

    private mutating func storeMessages(_ messages: [EnvelopeMessage]) throws {
        for message in messages {
            let streamKind = message.logStream.map(LogStreamKind.init(streamName:))
            if streamKind == .other { continue }
            if let truncation = message.truncation {
                skipped += 1
                let id = truncation.auditID.map { " (auditID \($0))" } ?? ""
                diagnostics.append(
                    Diagnostic(
                        severity: .warning, source: source, line: message.origin.line,
                        problem: .invalidDocument(reason: "CloudWatch cut this event at 256 KiB\(id); it was skipped")))
                continue
            }
            let isAudit = streamKind == .audit || (streamKind == nil && message.message.first == 0x7B)  // {
            let clusterID = try clusterID(of: message)
            try message.message.withUnsafeBytes { bytes in
                if isAudit {
                    do {
                        try AuditEventScanner.scan(line: bytes) { event in
                            try store.write(event, sourceID: sourceID, clusterID: clusterID)
                            auditEvents += 1
                            records += 1
                        }
                    } catch let error as AuditEventScanError {
                        skipped += 1
                        diagnostics.append(
                            Diagnostic(severity: .error, source: source, line: message.origin.line, problem: error.inputProblem))
                    }
                } else {
                    do {
                        guard let record = try AuthenticatorLineParser.parse(bytes) else { return }
                        try store.write(record, line: bytes, sourceID: sourceID)
                        authenticatorLines += 1
                        records += 1
                    } catch let error as AuthenticatorLineError {
                        skipped += 1
                        diagnostics.append(
                            Diagnostic(severity: .error, source: source, line: message.origin.line, problem: error.inputProblem))
                    }
                }
            }
        }
    }
}

/// The messages decoded from one chunk of the input.
struct DecodedBatch: Sendable {
    var messages: [EnvelopeMessage]
    /// Line feeds in the chunk.
    var lines: Int
}

/// Hands an envelope decoder to the reader thread. `@unchecked Sendable` is sound because the
/// decoder is used by one thread at a time: the reader thread while batches flow, then the caller
/// after the pipeline has ended.
private final class DecoderTransfer: @unchecked Sendable {
    let decoder: EnvelopeDecoder

    init(decoder: EnvelopeDecoder) {
        self.decoder = decoder
    }

    func decode(chunk: [UInt8]) -> DecodedBatch {
        let lines = chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return DecodedBatch(messages: decoder.decode(chunk), lines: lines)
    }
}
