import Glibc

/// Splits a decompressed stream into batches of complete lines.
///
/// Bytes are read straight into the batch's storage and each byte is scanned for `\n` (with `memchr`)
/// once. A partial line at the end of the storage moves to the next batch's storage. The last line is
/// delivered even without a final newline; a `\r` is dropped only right before a `\n`.
///
/// A line longer than `maximumLineLength` is skipped: as soon as the unfinished line passes the maximum
/// its bytes are dropped, and later bytes are discarded up to the next newline, so memory stays near
/// the maximum. The batch then carries a `lineTooLong` diagnostic with the line's number and full length.
///
///     stream chunks:  "a\nbb"  "b\r"  "\nc"  <end>
///     lines:          1 "a"    2 "bbb"       3 "c"
public final class LineBatchReader {
    public static let defaultMaximumLineLength = 64 * 1024 * 1024
    public static let defaultBatchCapacity = 4 * 1024 * 1024

    /// The path as given, or `<stdin>`.
    public var source: String { stream.source }
    /// The longest accepted line in bytes, without its terminator.
    public let maximumLineLength: Int
    /// The stream being read, for progress (`compressedBytesRead`, `totalBytes`).
    public let stream: DecompressedStream

    private let batchCapacity: Int
    /// The pool that the caller returns written batches' storage to, for reuse by this reader.
    private let storagePool: BatchStoragePool?

    /// The batch being built. `storage.count` is its capacity, and `storage[..<filled]` contains stream bytes.
    private var storage: [UInt8]
    private var filled = 0
    /// Bytes before `scanned` have been searched for newlines.
    private var scanned = 0
    /// The first byte of the line not yet delivered.
    private var lineStart = 0
    private var lines: [LineBatch.Line] = []
    private var diagnostics: [Diagnostic] = []
    private var nextLineNumber = 1
    private var skippedLine: SkippedLine?
    private var reachedEndOfStream = false
    private var isExhausted = false
    private var hasStartedBatches = false

    /// A line being discarded because it passed the maximum length before its newline arrived.
    private struct SkippedLine {
        var number: Int
        /// Bytes discarded so far.
        var length: Int
        var endsWithCarriageReturn: Bool
    }

    /// - Parameters:
    ///   - stream: The decompressed input.
    ///   - maximumLineLength: The longest accepted line in bytes; longer lines are skipped with a diagnostic.
    ///   - batchCapacity: The usual size in bytes of a batch's storage. A batch grows beyond it only to hold
    ///     a line that is longer.
    ///   - storagePool: Storage of written batches to fill again; its `storageSize` must be `batchCapacity`.
    public init(
        stream: DecompressedStream,
        maximumLineLength: Int = LineBatchReader.defaultMaximumLineLength,
        batchCapacity: Int = LineBatchReader.defaultBatchCapacity,
        storagePool: BatchStoragePool? = nil
    ) {
        precondition(maximumLineLength >= 0 && maximumLineLength <= Int.max / 4, "maximumLineLength is out of range")
        precondition(batchCapacity > 0, "batchCapacity must be positive")
        precondition(storagePool.map { $0.storageSize == batchCapacity } ?? true, "pooled storage of another size")
        self.stream = stream
        self.maximumLineLength = maximumLineLength
        self.batchCapacity = batchCapacity
        self.storagePool = storagePool
        storage = storagePool?.take() ?? [UInt8](repeating: 0, count: batchCapacity)
    }

    /// Opens `path` (`-` for standard input) and returns a reader of its lines.
    ///
    /// - Throws: `InputOpenError` when the path is missing, unreadable or a folder.
    public convenience init(
        path: String,
        maximumLineLength: Int = LineBatchReader.defaultMaximumLineLength,
        batchCapacity: Int = LineBatchReader.defaultBatchCapacity,
        storagePool: BatchStoragePool? = nil
    ) throws(InputOpenError) {
        let stream = try DecompressedStream(path: path)
        self.init(
            stream: stream, maximumLineLength: maximumLineLength, batchCapacity: batchCapacity,
            storagePool: storagePool)
    }

    // MARK: - Batches

    /// Reads the next batch of complete lines.
    ///
    /// NOTE: a batch is returned only when its storage is full or the stream ends, so lines from a slow pipe
    /// (`kubectl logs -f | authaudit ...`) wait until about `batchCapacity` bytes have arrived.
    ///
    /// - Returns: a batch with at least one line or diagnostic, or `nil` once the stream is exhausted.
    public func nextBatch() -> LineBatch? {
        guard !isExhausted else {
            return nil
        }
        hasStartedBatches = true

        while true {
            scanNewBytes()

            if reachedEndOfStream {
                deliverFinalLine()
                diagnostics.append(contentsOf: stream.diagnostics)
                isExhausted = true
                return lines.isEmpty && diagnostics.isEmpty ? nil : makeBatch()
            }

            if filled == storage.count {
                if lineStart > 0 {
                    return makeBatch()
                }
                growStorage()
            }
            readMore()
        }
    }

    /// Searches `storage[scanned..<filled]` for newlines and records the lines they end.
    private func scanNewBytes() {
        storage.withUnsafeMutableBytes { buffer in
            let base = buffer.baseAddress!
            while scanned < filled {
                guard let newline = memchr(base + scanned, 0x0A, filled - scanned) else {
                    scanned = filled
                    if skippedLine != nil {
                        discardUnfinishedSkippedLine(buffer)
                    } else if filled - lineStart > maximumLineLength + 1 {
                        // One byte over the maximum is allowed for a `\r` that a following `\n` would drop.
                        startSkippingLine(buffer)
                    }
                    return
                }

                let newlineOffset = base.distance(to: newline)
                if skippedLine != nil {
                    finishSkippedLine(buffer, newlineOffset: newlineOffset)
                    continue
                }

                var end = newlineOffset
                if end > lineStart && buffer[end - 1] == 0x0D {
                    end -= 1
                }
                addLine(start: lineStart, length: end - lineStart)
                lineStart = newlineOffset + 1
                scanned = newlineOffset + 1
            }
        }
    }

    /// Records a complete line, or a `lineTooLong` diagnostic in its place.
    private func addLine(start: Int, length: Int) {
        if length > maximumLineLength {
            recordTooLongLine(number: nextLineNumber, length: length)
        } else {
            lines.append(LineBatch.Line(start: start, length: length, number: nextLineNumber))
        }
        nextLineNumber += 1
    }

    private func startSkippingLine(_ buffer: UnsafeMutableRawBufferPointer) {
        skippedLine = SkippedLine(number: nextLineNumber, length: 0, endsWithCarriageReturn: false)
        discardUnfinishedSkippedLine(buffer)
    }

    /// Drops `buffer[lineStart..<filled]`, all of which belongs to the skipped line.
    private func discardUnfinishedSkippedLine(_ buffer: UnsafeMutableRawBufferPointer) {
        guard filled > lineStart else {
            return
        }
        skippedLine!.length += filled - lineStart
        skippedLine!.endsWithCarriageReturn = buffer[filled - 1] == 0x0D
        filled = lineStart
        scanned = lineStart
    }

    /// Ends the skipped line at the newline found at `newlineOffset` and moves the bytes after it to `lineStart`.
    private func finishSkippedLine(_ buffer: UnsafeMutableRawBufferPointer, newlineOffset: Int) {
        var skipped = skippedLine!
        skippedLine = nil
        if newlineOffset > lineStart {
            skipped.length += newlineOffset - lineStart
            skipped.endsWithCarriageReturn = buffer[newlineOffset - 1] == 0x0D
        }
        if skipped.endsWithCarriageReturn {
            skipped.length -= 1
        }
        recordTooLongLine(number: skipped.number, length: skipped.length)
        nextLineNumber += 1

        let remainder = filled - (newlineOffset + 1)
        if remainder > 0 {
            memmove(buffer.baseAddress! + lineStart, buffer.baseAddress! + newlineOffset + 1, remainder)
        }
        filled = lineStart + remainder
        scanned = lineStart
    }

    /// Delivers the bytes after the last newline as a line, or ends a line that was being skipped.
    private func deliverFinalLine() {
        if let skipped = skippedLine {
            skippedLine = nil
            recordTooLongLine(number: skipped.number, length: skipped.length)
            nextLineNumber += 1
        } else if filled > lineStart {
            addLine(start: lineStart, length: filled - lineStart)
        }
        lineStart = filled
        scanned = filled
    }

    private func recordTooLongLine(number: Int, length: Int) {
        diagnostics.append(
            Diagnostic(
                severity: .warning,
                source: source,
                line: number,
                problem: .lineTooLong(length: length, maximum: maximumLineLength)))
    }

    /// Reads stream bytes into the free end of the storage.
    private func readMore() {
        let count = storage.withUnsafeMutableBytes { buffer in
            stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
        }
        if count == 0 {
            reachedEndOfStream = true
        }
        filled += count
    }

    /// Enlarges the storage for a line that has not ended yet and already fills it.
    private func growStorage() {
        // A partial line longer than maximumLineLength + 1 is skipped, so this size always suffices.
        let capacity = min(storage.count * 2, maximumLineLength + 2)
        precondition(capacity > storage.count, "line storage is full with a line below the maximum length")
        storage.append(contentsOf: repeatElement(0, count: capacity - storage.count))
    }

    /// Hands the complete lines over as a batch and moves the unfinished line to new storage.
    private func makeBatch() -> LineBatch {
        let carried = filled - lineStart
        let nextCapacity = isExhausted ? 0 : (carried > batchCapacity / 2 ? carried * 2 : batchCapacity)
        var next: [UInt8]
        if nextCapacity == batchCapacity, let recycled = storagePool?.take() {
            next = recycled
        } else {
            // The storage is not zeroed: bytes past `filled` are only ever written by reads before
            // anything reads them, and zeroing every batch's storage was 2 % of an ingest's instructions.
            next = [UInt8](unsafeUninitializedCapacity: nextCapacity) { _, initializedCount in
                initializedCount = nextCapacity
            }
        }
        if carried > 0 {
            storage.withUnsafeBytes { source in
                next.withUnsafeMutableBytes { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[lineStart..<filled]))
                }
            }
        }

        // The batch keeps the whole storage, so that it can be recycled at its full size. The bytes
        // after its last line are the start of the next batch's first line, or stale.
        var bytes = next
        swap(&bytes, &storage)
        let batch = LineBatch(source: source, bytes: bytes, lines: lines, diagnostics: diagnostics)

        scanned -= lineStart
        filled = carried
        lineStart = 0
        lines.removeAll(keepingCapacity: true)
        diagnostics.removeAll()
        return batch
    }
}

extension LineBatchReader {
    // MARK: - Whole inputs

    /// Returns up to `maximumBytes` of the stream's first decompressed bytes, for recognising the kind of
    /// input, without consuming them: the first batch still starts at line 1.
    ///
    /// Traps when called after `nextBatch()` or `readRemainder(limit:)`.
    public func peekPrefix(maximumBytes: Int) -> [UInt8] {
        precondition(!hasStartedBatches && !isExhausted, "peekPrefix(maximumBytes:) must come before the first batch")
        while filled < maximumBytes && !reachedEndOfStream {
            if filled == storage.count {
                storage.append(contentsOf: repeatElement(0, count: maximumBytes - storage.count))
            }
            readMore()
        }
        return Array(storage[0..<min(filled, maximumBytes)])
    }

    /// Reads everything not yet delivered in a batch as one document, such as a YAML ConfigMap or a
    /// pretty-printed JSON file. Line terminators are kept.
    ///
    /// Afterwards `nextBatch()` returns `nil`, and problems of the stream (a truncated gzip file) are
    /// available from `takeDiagnostics()`.
    ///
    /// - Parameter limit: The largest accepted document in decompressed bytes.
    /// - Throws: `DocumentTooLargeError` as soon as the document passes `limit`; the rest is not read.
    public func readRemainder(limit: Int) throws(DocumentTooLargeError) -> [UInt8] {
        precondition(!isExhausted, "readRemainder(limit:) needs a stream that is not yet exhausted")
        precondition(skippedLine == nil, "readRemainder(limit:) cannot continue a skipped line")
        hasStartedBatches = true
        isExhausted = true

        var document = Array(storage[lineStart..<filled])
        lineStart = filled
        while document.count <= limit && !reachedEndOfStream {
            filled = 0
            readMore()
            document.append(contentsOf: storage[0..<filled])
        }
        diagnostics.append(contentsOf: stream.diagnostics)
        storage = []
        filled = 0
        lineStart = 0
        scanned = 0

        if document.count > limit {
            throw DocumentTooLargeError(source: source, limit: limit)
        }
        return document
    }

    /// Removes and returns the diagnostics not yet delivered in a batch, for callers of `readRemainder(limit:)`.
    public func takeDiagnostics() -> [Diagnostic] {
        defer { diagnostics.removeAll() }
        return diagnostics
    }
}

@available(*, unavailable, message: "One reader owns the stream; hand LineBatch values to other threads instead.")
extension LineBatchReader: Sendable {}

extension LineBatchReader {
    // MARK: - Unframed chunks

    /// Returns the next decompressed bytes without splitting them into lines, for inputs whose
    /// records are not lines (Firehose objects joined with `}{`). The bytes `peekPrefix` read come
    /// first. Returns nil at the end, when the stream's problems are in `takeDiagnostics()`.
    ///
    /// Traps when called after `nextBatch()` or `readRemainder(limit:)`.
    public func nextChunk() -> [UInt8]? {
        precondition(!isExhausted || filled == 0, "nextChunk() cannot follow nextBatch() or readRemainder(limit:)")
        hasStartedBatches = true
        if lineStart < filled {
            let chunk = Array(storage[lineStart..<filled])
            lineStart = 0
            filled = 0
            return chunk
        }
        guard !reachedEndOfStream else {
            if !isExhausted {
                isExhausted = true
                diagnostics.append(contentsOf: stream.diagnostics)
            }
            return nil
        }
        if storage.count < batchCapacity {
            storage = [UInt8](repeating: 0, count: batchCapacity)
        }
        lineStart = 0
        filled = 0
        readMore()
        let chunk = Array(storage[0..<filled])
        filled = 0
        return chunk.isEmpty && reachedEndOfStream ? nextChunk() : chunk
    }
}
