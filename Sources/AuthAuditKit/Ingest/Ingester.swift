import Glibc

/// Reads inputs of every kind into the store, then resolves identities.
///
/// Each input's kind is detected from its first bytes, never from its name. Malformed records
/// become diagnostics and are counted; reading goes on. Writes are committed in batches, so what
/// was stored stays stored when a later input fails or the run is interrupted.
public final class Ingester {
    private let store: AuditStore
    private let options: IngestOptions
    private weak var observer: (any IngestObserver)?
    private(set) public var summary = IngestSummary()
    private var pendingRecords = 0
    /// Held RequestReceived events that could not be written once they left the buffer.
    private var failedHeldEvents: [(line: Int, problem: InputProblem)] = []
    /// The id of `options.cluster`, for inputs that do not name their cluster.
    private var clusterID: Int64?
    /// The input after the one being read, whose reader may start early (see `PrefetchedAuditLog`).
    private var nextInputPath: String?
    private var prefetched: PrefetchedAuditLog?
    /// Storage of written audit log batches, filled again by the reader threads.
    private let storagePool = BatchStoragePool(storageSize: PrefetchedAuditLog.batchCapacity)

    public init(store: AuditStore, options: IngestOptions, observer: (any IngestObserver)?) {
        self.store = store
        self.options = options
        self.observer = observer
    }

    /// Ingests the inputs named on the command line (files, folders, `-`), then resolves identities.
    public func run(arguments: [String]) throws -> IngestSummary {
        summary = IngestSummary()
        summary.before = try store.counts()
        clusterID = try options.cluster.map { try store.clusterID(named: $0) }

        let discovery = try InputDiscovery.discover(arguments)
        var isStopped = false
        do {
            for diagnostic in discovery.diagnostics {
                summary.inputsSkipped += 1
                try report(diagnostic)
            }
        } catch is StrictModeStop {
            isStopped = true
        }
        for skipped in discovery.skipped {
            observer?.ingest(didSkip: skipped)
        }
        if discovery.inputs.isEmpty && discovery.diagnostics.isEmpty {
            summary.inputsSkipped += 1
            try report(
                Diagnostic(severity: .error, source: arguments.joined(separator: " "), problem: .noInputsFound))
        }
        // A failed write ends the run with an error: the next file's reader must not wait forever.
        defer {
            prefetched?.pipeline.cancel()
            prefetched = nil
        }
        for (position, input) in discovery.inputs.enumerated() where !isStopped {
            nextInputPath = discovery.inputs.dropFirst(position + 1).first?.path
            do {
                try ingest(path: input.path, displayName: input.path == "-" ? "<stdin>" : input.path)
            } catch let error as StrictModeStop {
                _ = error
                break
            }
        }
        prefetched?.pipeline.cancel()
        prefetched = nil
        try store.commitBatch()

        for diagnostic in try DerivedTables.refresh(store: store) {
            observer?.ingest(didReport: diagnostic)
        }
        summary.after = try store.counts()
        return summary
    }

    // MARK: - One input

    private func ingest(path: String, displayName: String) throws {
        if CloudWatchExport.isWriteTestObject(path: path) { return }
        if let started = prefetched {
            prefetched = nil
            if started.path == path {
                try ingestPrefetched(started, displayName: displayName)
                return
            }
            started.pipeline.cancel()
        }
        let fingerprint = path == "-" ? nil : try? FileFingerprint(path: path)
        if let fingerprint, try store.hasCompleteSource(fingerprint: fingerprint.headHash, size: fingerprint.size) {
            summary.inputsUnchanged += 1
            return
        }

        let reader: LineBatchReader
        do {
            reader = try LineBatchReader(
                path: path, maximumLineLength: options.maximumLineLength,
                batchCapacity: PrefetchedAuditLog.batchCapacity, storagePool: storagePool)
        } catch {
            try report(Diagnostic(severity: .error, source: displayName, problem: error.problem))
            summary.inputsSkipped += 1
            return
        }

        let prefix = reader.peekPrefix(maximumBytes: 64 * 1024)
        if prefix.isEmpty {
            // The stream's own problems (corrupt gzip data after an empty member) reach the reader's
            // list only at the end of a read, so both are asked here.
            let problems = reader.takeDiagnostics() + reader.stream.diagnostics
            guard problems.isEmpty else {
                // Nothing could be read, for example a gzip file cut inside its header.
                summary.inputsSkipped += 1
                for problem in problems { try report(problem) }
                return
            }
            // An empty file is normal right after copytruncate rotation: nothing to read, nothing lost.
            try report(Diagnostic(severity: .note, source: displayName, problem: .emptyInput))
            return
        }
        switch prefix.withUnsafeBytes(DetectedInput.detect) {
        case .reference(let reference):
            try ingestReference(reader, kind: reference, path: displayName, fingerprint: fingerprint)
        case .envelopes(let envelope):
            try ingestEnvelopes(reader, kind: envelope, path: displayName, fingerprint: fingerprint)
        case .cloudTrail:
            try ingestCloudTrail(reader, path: displayName, fingerprint: fingerprint)
        case .lines(.ldif):
            try ingestReference(reader, kind: .ldif, path: displayName, fingerprint: fingerprint)
        case .lines(let kind):
            try readSource(reader, kind: kind, displayName: displayName, fingerprint: fingerprint, pipeline: nil)
        }
    }

    /// Ingests an audit log whose reader thread started while the previous input was written.
    private func ingestPrefetched(_ started: PrefetchedAuditLog, displayName: String) throws {
        // The same file may be named twice, and the first copy is now complete.
        if let fingerprint = started.fingerprint,
            try store.hasCompleteSource(fingerprint: fingerprint.headHash, size: fingerprint.size)
        {
            started.pipeline.cancel()
            summary.inputsUnchanged += 1
            return
        }
        try readSource(
            started.reader, kind: .auditEventLines, displayName: displayName, fingerprint: started.fingerprint,
            pipeline: started.pipeline)
    }

    /// Records one line-oriented input as a source and reads it. `pipeline`, when given, is the
    /// audit log's reader thread, already started on `reader`.
    private func readSource(
        _ reader: LineBatchReader, kind: InputKind, displayName: String, fingerprint: FileFingerprint?,
        pipeline: AuditLinePipeline?
    ) throws {
        observer?.ingest(didStart: displayName, kind: kind.rawValue, totalBytes: reader.stream.totalBytes)
        defer { observer?.ingestDidFinishSource(displayName) }

        try store.beginBatch()
        let sourceID = try store.beginSource(
            path: displayName, kind: kind.rawValue, size: fingerprint?.size, fingerprint: fingerprint?.headHash)
        var counters = SourceCounters()

        do {
            try read(reader, kind: kind, source: displayName, sourceID: sourceID, pipeline: pipeline, counters: &counters)
        } catch let stop as StrictModeStop {
            // Lines are counted a batch at a time, but this input was read only up to the stop.
            if let line = stop.line { counters.lines = min(counters.lines, line) }
            try finish(sourceID: sourceID, counters: counters, isComplete: false)
            throw stop
        }

        for diagnostic in reader.takeDiagnostics() {
            counters.recordsSkipped += 1
            if case .truncatedGzip = diagnostic.problem { counters.isComplete = false }
            try report(diagnostic)
        }
        try finish(sourceID: sourceID, counters: counters, isComplete: counters.isComplete)
    }

    /// Stores a whole reference document (directory export, SSO assignments, EKS access entries)
    /// after checking that it parses; resolution reads every stored one together.
    private func ingestReference(
        _ reader: LineBatchReader, kind: ReferenceDocumentKind, path: String, fingerprint: FileFingerprint?
    ) throws {
        try ingestWhole(reader, kind: kind.name, path: path, fingerprint: fingerprint) { bytes, sourceID, counters in
            let check = kind.check(bytes, source: path)
            counters.records = check.records
            try store.writeDocument(bytes, kind: kind.name, sourceID: sourceID)
            summary.referenceDocuments += 1
            return check.diagnostics
        }
    }

    /// Stores the role assumptions of a CloudTrail file (S3 delivery or JSON lines).
    ///
    /// NOTE: the file is read whole, as an S3 delivery object is. A JSON-lines export larger than
    /// the maximum document size is rejected rather than streamed.
    private func ingestCloudTrail(_ reader: LineBatchReader, path: String, fingerprint: FileFingerprint?) throws {
        try ingestWhole(reader, kind: "cloudtrail", path: path, fingerprint: fingerprint) { bytes, sourceID, counters in
            let result = CloudTrailParser.parse(bytes, source: path)
            counters.records = result.assumptions.count
            summary.roleAssumptions += try store.write(result.assumptions, sourceID: sourceID)
            return result.diagnostics
        }
    }

    /// Stores the audit and authenticator messages inside a CloudWatch Logs delivery.
    private func ingestEnvelopes(
        _ reader: LineBatchReader, kind: EnvelopeKind, path: String, fingerprint: FileFingerprint?
    ) throws {
        let kindName = "cloudwatch-\(kind)"
        observer?.ingest(didStart: path, kind: kindName, totalBytes: reader.stream.totalBytes)
        defer { observer?.ingestDidFinishSource(path) }
        try store.beginBatch()
        let sourceID = try store.beginSource(
            path: path, kind: kindName, size: fingerprint?.size, fingerprint: fingerprint?.headHash)
        var envelopes = EnvelopeIngest(store: store, sourceID: sourceID, source: path, defaultClusterID: clusterID)
        var counters = SourceCounters()
        counters.lines = try envelopes.read(reader, kind: kind)
        counters.records = envelopes.records
        counters.recordsSkipped = envelopes.skipped
        summary.auditEvents += envelopes.auditEvents
        summary.authenticatorLines += envelopes.authenticatorLines
        summary.mappingUpdates += envelopes.mappingUpdates
        for diagnostic in envelopes.diagnostics {
            try report(diagnostic)
        }
        try finish(sourceID: sourceID, counters: counters, isComplete: true)
    }

    /// Reads an input whole and records it as a source around `body`, which stores what the bytes
    /// hold and returns its diagnostics. An input above the maximum document size is skipped.
    private func ingestWhole(
        _ reader: LineBatchReader, kind: String, path: String, fingerprint: FileFingerprint?,
        _ body: (_ bytes: [UInt8], _ sourceID: Int64, _ counters: inout SourceCounters) throws -> [Diagnostic]
    ) throws {
        observer?.ingest(didStart: path, kind: kind, totalBytes: reader.stream.totalBytes)
        defer { observer?.ingestDidFinishSource(path) }
        try store.beginBatch()
        let sourceID = try store.beginSource(
            path: path, kind: kind, size: fingerprint?.size, fingerprint: fingerprint?.headHash)
        var counters = SourceCounters()
        let bytes: [UInt8]
        do {
            bytes = try reader.readRemainder(limit: options.maximumDocumentSize)
        } catch {
            counters.recordsSkipped += 1
            try report(
                Diagnostic(
                    severity: .error, source: path,
                    problem: .invalidDocument(reason: "larger than \(error.limit) bytes, the maximum for a document")))
            try finish(sourceID: sourceID, counters: counters, isComplete: false)
            return
        }
        counters.lines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        for diagnostic in try body(bytes, sourceID, &counters) {
            if diagnostic.severity == .error { counters.recordsSkipped += 1 }
            try report(diagnostic)
        }
        // Reading problems (a truncated or corrupt gzip) mean bytes were lost, whatever their severity.
        for diagnostic in reader.takeDiagnostics() {
            counters.recordsSkipped += 1
            try report(diagnostic)
        }
        try finish(sourceID: sourceID, counters: counters, isComplete: true)
    }

    /// Records an input's counts, marks it complete when nothing was skipped, and commits.
    private func finish(sourceID: Int64, counters: SourceCounters, isComplete: Bool) throws {
        summary.inputsRead += 1
        summary.lines += counters.lines
        summary.recordsSkipped += counters.recordsSkipped
        try store.finishSource(
            id: sourceID, lines: counters.lines, records: counters.records, skipped: counters.recordsSkipped,
            isComplete: isComplete && counters.recordsSkipped == 0)
        try store.commitBatch()
        pendingRecords = 0
    }

    private func read(
        _ reader: LineBatchReader, kind: InputKind, source displayName: String, sourceID: Int64,
        pipeline: AuditLinePipeline?, counters: inout SourceCounters
    ) throws {
        switch kind {
        case .auditEventLines:
            try ingestAuditLines(reader, pipeline: pipeline, source: displayName, sourceID: sourceID, counters: &counters)
        case .authenticatorLog:
            try ingestAuthenticatorLines(reader, source: displayName, sourceID: sourceID, counters: &counters)
        case .auditEventDocument, .awsAuthConfigMap, .iamIdentityMapping, .dynamicFileMapping, .rbac:
            try ingestDocument(reader, kind: kind, source: displayName, sourceID: sourceID, counters: &counters)
        case .ldif:
            summary.inputsSkipped += 1
            counters.isComplete = false
            try report(Diagnostic(severity: .warning, source: displayName, problem: .unsupportedKind(name: kind.rawValue)))
        case .unknown:
            summary.inputsSkipped += 1
            counters.isComplete = false
            try report(Diagnostic(severity: .error, source: displayName, problem: .unknownFormat))
        }
    }

    private func ingestAuditLines(
        _ reader: LineBatchReader, pipeline started: AuditLinePipeline?, source: String, sourceID: Int64,
        counters: inout SourceCounters
    ) throws {
        let pipeline = started ?? PrefetchedAuditLog.startPipeline(reader)
        defer { pipeline.cancel() }
        var receivedStages = ReceivedStageBuffer()
        defer {
            // When reading stops early (--strict, a failed write), the events held so far are still
            // written on a best-effort basis, and those that fail are reported without stopping
            // again. After a normal end the buffer is already empty.
            for event in receivedStages.drain() { try? writeHeld(event, sourceID: sourceID) }
            try? reportFailedHeldEvents(source: source, counters: &counters, readUpTo: nil, stops: false)
        }
        while let item = pipeline.next() {
            // Once this log is read to its end, the next one is inflated and scanned on another
            // thread while the last batches of this one are written. Starting it earlier would keep
            // its batches in memory for the whole of this log.
            if pipeline.hasReachedEnd { prefetchNextInput() }
            let scanned = item.element
            let batch = scanned.batch
            // A gzip stream cut inside a line leaves a partial last line: the truncation diagnostic
            // already covers it, so its JSON error is not reported a second time.
            let isCut = batch.diagnostics.contains { if case .truncatedGzip = $0.problem { true } else { false } }
            let lastLine = batch.lines.last?.number
            counters.lines += batch.lines.count
            try scanned.forEach(
                event: { event, position in
                    let number = position.lineNumber
                    do {
                        try write(event, position, storage: batch.bytes, sourceID: sourceID, receivedStages: &receivedStages)
                    } catch let error as AuditEventError {
                        counters.recordsSkipped += 1
                        try report(
                            Diagnostic(severity: .error, source: source, line: number, problem: error.problem))
                        return
                    }
                    counters.records += 1
                    summary.auditEvents += 1
                    if event.hasBodies, let problems = try AwsAuthUpdateCapture.capture(event, sourceID: sourceID, store: store) {
                        summary.mappingUpdates += 1
                        for problem in problems {
                            try report(Diagnostic(severity: .warning, source: source, line: number, problem: problem.problem))
                        }
                    }
                },
                failure: { problem, number in
                    if isCut && number == lastLine { return }
                    counters.recordsSkipped += 1
                    try report(Diagnostic(severity: .error, source: source, line: number, problem: problem))
                })
            try reportFailedHeldEvents(source: source, counters: &counters, readUpTo: lastLine)
            try reportBatchDiagnostics(batch, counters: &counters)
            try commitIfDue(records: batch.lines.count)
            observer?.ingest(didProgress: source, bytesRead: item.compressedBytesRead, records: counters.records)
            // Storage grown for a long line is left to the allocator, so its events need no copy.
            if batch.bytes.count == storagePool.storageSize {
                receivedStages.detach(from: batch.bytes)
                storagePool.recycle(batch.bytes)
            }
        }
        // The writer may take the last batch before the reader has marked its end.
        prefetchNextInput()
        for event in receivedStages.drain() {
            try writeHeld(event, sourceID: sourceID)
        }
        try reportFailedHeldEvents(source: source, counters: &counters, readUpTo: counters.lines)
    }

    /// Starts the reader of the next input when it is an audit log (see `PrefetchedAuditLog`).
    private func prefetchNextInput() {
        guard prefetched == nil, let next = nextInputPath else { return }
        nextInputPath = nil
        prefetched = PrefetchedAuditLog.start(path: next, options: options, store: store, storagePool: storagePool)
    }

    private func ingestAuthenticatorLines(
        _ reader: LineBatchReader, source: String, sourceID: Int64, counters: inout SourceCounters
    ) throws {
        store.beginAuthenticatorStream()
        while let batch = reader.nextBatch() {
            try batch.forEachLine { line, number in
                counters.lines += 1
                if Self.isBlank(line) { return }
                do {
                    guard let record = try AuthenticatorLineParser.parse(line) else { return }
                    try store.write(record, line: line, sourceID: sourceID, clusterID: clusterID)
                    counters.records += 1
                    summary.authenticatorLines += 1
                } catch let error as AuthenticatorLineError {
                    counters.recordsSkipped += 1
                    try report(Diagnostic(severity: .error, source: source, line: number, problem: error.inputProblem))
                }
            }
            try reportBatchDiagnostics(batch, counters: &counters)
            try commitIfDue(records: batch.lines.count)
        }
    }

    /// Writes an event, folding a RequestReceived into the later stage of the same request when
    /// that stage follows soon enough (see `ReceivedStageBuffer`).
    /// `storage` is the batch's bytes, which `position.range` indexes.
    private func write(
        _ event: AuditEventView, _ position: ScannedBatch.EventPosition, storage: [UInt8], sourceID: Int64,
        receivedStages: inout ReceivedStageBuffer
    ) throws {
        guard let key = position.auditID, let stage = event.stage else {
            try store.requests.write(event, sourceID: sourceID, clusterID: clusterID)
            return
        }
        let stageBytes = event.bytes(stage)
        if event.responseCode == nil, Self.equals(stageBytes, "RequestReceived") {
            for held in receivedStages.hold(
                key, storage: storage, range: position.range, line: position.lineNumber, users: UserRanges(of: event))
            {
                try writeHeld(held, sourceID: sourceID)
            }
            return
        }
        var folded: ReceivedStageBuffer.HeldEvent?
        if let held = receivedStages.release(key) {
            if held.hasSameUsers(as: event) {
                folded = held
            } else {
                try writeHeld(held, sourceID: sourceID)
            }
        }
        do {
            try store.requests.write(
                event, sourceID: sourceID, extraStages: folded == nil ? 0 : AuditStage.requestReceived.bit,
                clusterID: clusterID, encodedAuditID: key)
        } catch let error as AuditEventError {
            // The folded RequestReceived carries the same user objects, so it fails with this stage.
            if let folded { failedHeldEvents.append((folded.line, error.problem)) }
            throw error
        }
    }

    /// Writes an event that `ReceivedStageBuffer` held, which was scanned once already. An event
    /// that fails now goes to `failedHeldEvents`, because it was counted as stored when it was read.
    private func writeHeld(_ event: ReceivedStageBuffer.HeldEvent, sourceID: Int64) throws {
        do {
            try event.withUnsafeBytes { line in
                try AuditEventScanner.scan(line: line) {
                    try store.requests.write($0, sourceID: sourceID, clusterID: clusterID)
                }
            }
        } catch let error as AuditEventError {
            failedHeldEvents.append((event.line, error.problem))
        }
    }

    /// Moves the held events that failed when written from the stored to the skipped count and
    /// reports them. `readUpTo` is the last line read so far, where `--strict` stops.
    private func reportFailedHeldEvents(
        source: String, counters: inout SourceCounters, readUpTo: Int?, stops: Bool = true
    ) throws {
        let failed = failedHeldEvents
        failedHeldEvents.removeAll()
        for (line, problem) in failed {
            counters.records -= 1
            counters.recordsSkipped += 1
            summary.auditEvents -= 1
            try report(
                Diagnostic(severity: .error, source: source, line: line, problem: problem), readUpTo: readUpTo,
                stops: stops)
        }
    }

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        return memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0
    }

    /// Reports the framing and gzip diagnostics that travel with a batch (after its lines).
    private func reportBatchDiagnostics(_ batch: LineBatch, counters: inout SourceCounters) throws {
        for diagnostic in batch.diagnostics {
            counters.recordsSkipped += 1
            if case .truncatedGzip = diagnostic.problem { counters.isComplete = false }
            try report(diagnostic)
        }
    }

    private func ingestDocument(
        _ reader: LineBatchReader, kind: InputKind, source: String, sourceID: Int64, counters: inout SourceCounters
    ) throws {
        let bytes: [UInt8]
        do {
            bytes = try reader.readRemainder(limit: options.maximumDocumentSize)
        } catch {
            try report(
                Diagnostic(
                    severity: .error, source: source,
                    problem: .invalidDocument(reason: "larger than \(error.limit) bytes, the maximum for a document")))
            counters.recordsSkipped += 1
            return
        }
        counters.lines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let result = try DocumentIngest.ingest(bytes, kind: kind, source: source, sourceID: sourceID, store: store)
        counters.records += result.records
        summary.auditEvents += result.auditEvents
        summary.mappingEntries += result.mappingEntries
        summary.rbacObjects += result.rbacObjects
        for diagnostic in result.diagnostics {
            try report(diagnostic)
            if diagnostic.severity == .error { counters.recordsSkipped += 1 }
        }
    }

    // MARK: - Helpers

    private func commitIfDue(records: Int) throws {
        pendingRecords += records
        if pendingRecords >= options.batchSize {
            try store.commitBatch()
            try store.beginBatch()
            pendingRecords = 0
        }
    }

    /// Prints and stores a diagnostic. With `--strict` an error stops reading: `readUpTo` is the
    /// line reading had reached when the error was found, if that is not the diagnostic's own line.
    /// `stops` is false for diagnostics reported while reading is already stopping.
    private func report(_ diagnostic: Diagnostic, readUpTo: Int? = nil, stops: Bool = true) throws {
        switch diagnostic.severity {
        case .error: summary.errors += 1
        case .warning: summary.warnings += 1
        case .note: break
        }
        observer?.ingest(didReport: diagnostic)
        try store.record(diagnostic, problemText: DiagnosticRenderer.describe(diagnostic.problem))
        if options.isStrict && diagnostic.severity == .error && stops {
            let line = readUpTo ?? diagnostic.line
            summary.strictStop = StrictStopPlace(source: diagnostic.source, line: line)
            throw StrictModeStop(line: line)
        }
    }

    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D {
            return false
        }
        return true
    }
}

/// Counts for one input.
struct SourceCounters {
    var lines = 0
    var records = 0
    var recordsSkipped = 0
    var isComplete = true
}

/// Thrown inside an ingest with `--strict` at the first error, to stop reading more input.
struct StrictModeStop: Error {
    /// The line of the error, or nil for an error about the whole input.
    var line: Int?
}
