import Glibc

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
    /// Audit events that changed the aws-auth ConfigMap, stored as mapping history.
    private(set) var mappingUpdates = 0
    private var receivedStages: [Int64?: ReceivedStageBuffer] = [:]

    let defaultClusterID: Int64?
    private var clusterIDs: [String: Int64] = [:]
    private var lastLogGroup: (group: String?, clusterID: Int64?)?

    init(store: AuditStore, sourceID: Int64, source: String, defaultClusterID: Int64?) {
        self.store = store
        self.sourceID = sourceID
        self.source = source
        self.defaultClusterID = defaultClusterID
    }

    private mutating func clusterID(ofLogGroup logGroup: String?) throws -> Int64? {
        // Messages come in runs from one log group, so the last lookup is cached.
        if let lastLogGroup, lastLogGroup.group == logGroup {
            return lastLogGroup.clusterID
        }
        let id = try lookUpClusterID(ofLogGroup: logGroup)
        lastLogGroup = (logGroup, id)
        return id
    }

    private mutating func lookUpClusterID(ofLogGroup logGroup: String?) throws -> Int64? {
        guard let group = logGroup, let name = EKSLogGroup.clusterName(fromLogGroup: group) else {
            return defaultClusterID
        }
        if let id = clusterIDs[name] { return id }
        let id = try store.clusterID(named: name)
        clusterIDs[name] = id
        return id
    }

    /// Decodes the reader's chunks on the reader thread and stores the messages inside on this one.
    mutating func read(_ reader: LineBatchReader, kind: EnvelopeKind) throws -> Int {
        // An export object's lines name no stream, but its S3 key does: `<task id>/<stream>/000000.gz`.
        let folderStream = kind == .exportLines ? Self.streamKind(ofFolderOf: source) : nil
        let decoder = DecoderTransfer(
            decoder: EnvelopeDecoder(kind: kind, source: source), streamKindWhenUnnamed: folderStream)
        store.beginAuthenticatorStream()
        // Records of these shapes need not end at a newline (Firehose joins objects with `}{`), so
        // the decoder gets unframed chunks.
        let pipeline = BatchPipeline<DecodedBatch, DecodedBatch>(reader: reader) { reader in
            reader.nextChunk().map { decoder.decode(chunk: $0) }
        }
        defer { pipeline.cancel() }
        defer {
            // When reading stops early (a failed write), the events held so far are still written
            // on a best-effort basis. After a normal end the buffers are already empty.
            try? writeHeldEvents()
        }
        var lines = 0
        while let item = pipeline.next() {
            let decoded = item.element
            lines += decoded.lines
            try store(decoded)
        }
        // The reader thread has ended once the queue is drained, so the decoder is this thread's now.
        try store(
            DecodedBatch(messages: decoder.decoder.finishBatch(), lines: 0, streamKindWhenUnnamed: folderStream))
        try writeHeldEvents()
        let problems = decoder.decoder.takeDiagnostics()
        diagnostics += problems
        skipped += problems.filter { $0.severity == .error }.count
        let readingProblems = reader.takeDiagnostics()
        diagnostics += readingProblems
        skipped += readingProblems.count
        return lines
    }

    private mutating func store(_ decoded: DecodedBatch) throws {
        try decoded.messages.forEach { index, message, bytes in
            switch decoded.kinds[index] {
            case .other:
                return
            case .truncated:
                skipped += 1
                let id = message.truncation?.auditID.map { " (auditID \($0))" } ?? ""
                diagnostics.append(
                    Diagnostic(
                        severity: .warning, source: source, line: message.origin.line,
                        problem: .invalidDocument(reason: "CloudWatch cut this event at 256 KiB\(id); it was skipped")))
            case .audit:
                let clusterID = try clusterID(ofLogGroup: message.logGroup)
                do {
                    try AuditEventScanner.scan(line: bytes) { event in
                        try write(event, clusterID: clusterID, line: message.origin.line)
                    }
                } catch let error as AuditEventScanError {
                    skipped += 1
                    diagnostics.append(
                        Diagnostic(severity: .error, source: source, line: message.origin.line, problem: error.inputProblem))
                }
            case .authenticator:
                let clusterID = try clusterID(ofLogGroup: message.logGroup)
                do {
                    guard let record = try AuthenticatorLineParser.parse(bytes) else { return }
                    try store.write(record, line: bytes, sourceID: sourceID, clusterID: clusterID)
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

    /// Writes an event, folding a RequestReceived into the later stage of the same request as the
    /// plain-file ingest does (see `ReceivedStageBuffer`). Each cluster has its own buffer, so a
    /// held event is written with its own cluster.
    private mutating func write(_ event: AuditEventView, clusterID: Int64?, line: Int) throws {
        do {
            try storeEvent(event, clusterID: clusterID, line: line)
        } catch let error as AuditEventError {
            skipped += 1
            diagnostics.append(Diagnostic(severity: .error, source: source, line: line, problem: error.problem))
            return
        }
        auditEvents += 1
        records += 1
        // As in the plain-file ingest, only a stored event's aws-auth update is captured.
        if event.hasBodies, let problems = try AwsAuthUpdateCapture.capture(event, sourceID: sourceID, store: store) {
            mappingUpdates += 1
            diagnostics += problems.map { problem in
                Diagnostic(severity: .warning, source: source, line: line, problem: problem.problem)
            }
        }
    }

    private mutating func storeEvent(_ event: AuditEventView, clusterID: Int64?, line: Int) throws {
        guard let key = ReceivedStageBuffer.key(for: event), let stage = event.stage else {
            try store.write(event, sourceID: sourceID, clusterID: clusterID)
            return
        }
        let stageBytes = event.bytes(stage)
        if event.responseCode == nil, Self.isRequestReceived(stageBytes) {
            for held in receivedStages[clusterID, default: ReceivedStageBuffer()].hold(event, key: key, line: line) {
                try writeHeld(held, clusterID: clusterID)
            }
            return
        }
        var folded: ReceivedStageBuffer.HeldEvent?
        if let held = receivedStages[clusterID]?.release(key) {
            if held.hasSameUsers(as: event) {
                folded = held
            } else {
                try writeHeld(held, clusterID: clusterID)
            }
        }
        do {
            try store.write(
                event, sourceID: sourceID, extraStages: folded == nil ? 0 : AuditStage.requestReceived.bit,
                clusterID: clusterID)
        } catch let error as AuditEventError {
            // The folded RequestReceived carries the same user objects, so it fails with this stage.
            if let folded { failHeld(folded, error) }
            throw error
        }
    }

    private mutating func writeHeldEvents() throws {
        for clusterID in Array(receivedStages.keys) {
            for held in receivedStages[clusterID]!.drain() {
                try writeHeld(held, clusterID: clusterID)
            }
        }
    }

    /// Writes an event that `ReceivedStageBuffer` held; it was scanned once already. A held event
    /// was counted as stored when it was read, so a problem found now moves it to the skipped count.
    private mutating func writeHeld(_ held: ReceivedStageBuffer.HeldEvent, clusterID: Int64?) throws {
        do {
            try held.withUnsafeBytes { line in
                try AuditEventScanner.scan(line: line) { try store.write($0, sourceID: sourceID, clusterID: clusterID) }
            }
        } catch let error as AuditEventError {
            failHeld(held, error)
        }
    }

    /// Moves a held event, counted as stored when it was read, to the skipped count.
    private mutating func failHeld(_ held: ReceivedStageBuffer.HeldEvent, _ error: AuditEventError) {
        auditEvents -= 1
        records -= 1
        skipped += 1
        diagnostics.append(Diagnostic(severity: .error, source: source, line: held.line, problem: error.problem))
    }

    private static func streamKind(ofFolderOf path: String) -> LogStreamKind? {
        let components = path.split(separator: "/")
        guard components.count >= 2 else { return nil }
        return LogStreamKind(eksStreamName: String(components[components.count - 2]))
    }

    private static func isRequestReceived(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let name = "RequestReceived".utf8
        return bytes.count == name.count && bytes.elementsEqual(name)
    }
}

/// The messages decoded from one chunk of the input, each with its kind.
///
/// The audit events are scanned on the writer thread: the reader thread already inflates, splits
/// and unescapes, which costs more than the SQLite writes, so this balances the two cores.
struct DecodedBatch: Sendable {
    enum MessageKind: Sendable {
        /// A stream authaudit does not read.
        case other
        /// A message CloudWatch cut at 256 KiB.
        case truncated
        case audit
        case authenticator
    }

    var messages: EnvelopeMessageBatch
    /// Line feeds in the chunk.
    var lines: Int
    /// The kind of each message, by index.
    private(set) var kinds: [MessageKind] = []

    /// Sorts each message by its log stream (`kube-apiserver-audit-…`, `authenticator-…`) when the
    /// shape or `streamKindWhenUnnamed` names one, else by its content.
    init(messages: EnvelopeMessageBatch, lines: Int, streamKindWhenUnnamed: LogStreamKind?) {
        self.messages = messages
        self.lines = lines
        kinds.reserveCapacity(messages.count)
        var lastStream: (name: String, kind: LogStreamKind)?
        messages.forEach { index, message, bytes in
            var streamKind = streamKindWhenUnnamed
            if let name = message.logStream {
                // Messages come in runs from one stream, so the last lookup is cached.
                if let lastStream, lastStream.name == name {
                    streamKind = lastStream.kind
                } else {
                    streamKind = LogStreamKind(streamName: name)
                    lastStream = (name, streamKind!)
                }
            }
            if streamKind == .other {
                kinds.append(.other)
            } else if message.truncation != nil {
                kinds.append(.truncated)
            } else if streamKind == .audit || (streamKind == nil && bytes.first == 0x7B) {  // {
                kinds.append(.audit)
            } else {
                kinds.append(.authenticator)
            }
        }
    }
}

/// Hands an envelope decoder to the reader thread. `@unchecked Sendable` is sound because the
/// decoder is used by one thread at a time: the reader thread while batches flow, then the caller
/// after the pipeline has ended.
private final class DecoderTransfer: @unchecked Sendable {
    let decoder: EnvelopeDecoder
    let streamKindWhenUnnamed: LogStreamKind?

    init(decoder: EnvelopeDecoder, streamKindWhenUnnamed: LogStreamKind?) {
        self.decoder = decoder
        self.streamKindWhenUnnamed = streamKindWhenUnnamed
    }

    func decode(chunk: [UInt8]) -> DecodedBatch {
        chunk.withUnsafeBytes { bytes in
            DecodedBatch(
                messages: decoder.decodeBatch(bytes), lines: Self.countLineFeeds(bytes),
                streamKindWhenUnnamed: streamKindWhenUnnamed)
        }
    }

    private static func countLineFeeds(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var from = 0
        while from < bytes.count, let found = memchr(base + from, 0x0A, bytes.count - from) {
            count += 1
            from = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        return count
    }
}
