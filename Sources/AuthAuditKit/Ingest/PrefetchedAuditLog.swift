/// The pipeline of an audit log: batches of lines, scanned into events on either thread.
typealias AuditLinePipeline = BatchPipeline<LineBatch, ScannedBatch>

/// An audit log whose reader thread was started before its turn, while the last batches of the
/// input before it are still being written.
///
/// Rotated logs come as many files. With one reader thread per file, the writer waits at each file's
/// start for the first batch, and the reader idles while the writer finishes the previous file.
/// Starting the next file's reader once the previous reader has reached its end keeps both cores
/// busy across the boundary. The writer still takes the files in order, so stages of one request
/// that span two files merge as before. Each pipeline's queue is bounded, so the early reader stops
/// after a few batches until its turn.
///
/// NOTE: every file still gets a new reader thread. Reusing one long-lived reader thread may save
/// a little time and memory at each file boundary; that was not measured.
struct PrefetchedAuditLog {
    let path: String
    let fingerprint: FileFingerprint?
    /// Belongs to `pipeline`'s thread until the pipeline has ended.
    let reader: LineBatchReader
    let pipeline: AuditLinePipeline

    /// Batches of decompressed lines that each pipeline keeps at most in its queue. With the batch
    /// being scanned and the one being written, a pipeline keeps about four batches in memory.
    static let queueCapacity = 2
    /// Bytes of decompressed lines per batch: small enough that two pipelines fit in little memory,
    /// large enough that per-batch work (queue hand-off, commit check) is negligible. A batch of
    /// 1 MiB contains about 650 lines of a typical EKS audit log, and its scanned views about as much
    /// again.
    static let batchCapacity = 1024 * 1024

    /// Starts the reader thread of an audit log that is about to be read.
    static func startPipeline(_ reader: LineBatchReader) -> AuditLinePipeline {
        AuditLinePipeline(
            reader: reader, capacity: queueCapacity, produce: { $0.nextBatch() },
            prepare: { ScannedBatch(scanning: $0) })
    }

    /// Opens the input at `path` and starts its reader when it is an audit log of JSON lines that
    /// the store does not hold yet. Returns nil for anything else (standard input, other kinds,
    /// unreadable or empty files); the ingest then opens and detects that input in its turn.
    static func start(
        path: String, options: IngestOptions, store: AuditStore, storagePool: BatchStoragePool
    ) -> PrefetchedAuditLog? {
        guard path != "-" else { return nil }
        let fingerprint = try? FileFingerprint(path: path)
        if let fingerprint,
            (try? store.hasCompleteSource(fingerprint: fingerprint.headHash, size: fingerprint.size)) != false
        {
            return nil
        }
        guard
            let reader = try? LineBatchReader(
                path: path, maximumLineLength: options.maximumLineLength, batchCapacity: batchCapacity,
                storagePool: storagePool)
        else { return nil }
        let prefix = reader.peekPrefix(maximumBytes: 64 * 1024)
        guard !prefix.isEmpty, prefix.withUnsafeBytes(DetectedInput.detect) == .lines(.auditEventLines) else {
            return nil
        }
        return PrefetchedAuditLog(
            path: path, fingerprint: fingerprint, reader: reader, pipeline: startPipeline(reader))
    }
}
