import Foundation

/// Reads line batches on a background thread while the caller parses and writes them.
///
/// Inflating and framing run on one core and scanning and SQLite writes on the other, so an
/// ingest of a gzip file takes about as long as the slower of the two halves.
final class BatchPipeline {
    private let queue = BoundedQueue<LineBatch>(capacity: 4)
    private let thread: Thread

    /// Starts reading. The reader belongs to the background thread from now on.
    init(reader: LineBatchReader) {
        let transfer = ReaderTransfer(reader: reader)
        let queue = self.queue
        thread = Thread {
            while let batch = transfer.reader.nextBatch() {
                guard queue.put(batch) else { break }
            }
            queue.close()
        }
        thread.name = "authaudit-reader"
        thread.start()
    }

    /// The next batch, or nil at the end of the input.
    func next() -> LineBatch? {
        queue.take()
    }

    /// Stops the reader early (for example after a fatal error); it ends at its next batch.
    func cancel() {
        queue.close()
    }
}

/// Hands a reader to the background thread. `@unchecked Sendable` is sound because the creating
/// thread never touches the reader after `BatchPipeline.init` passes it on.
private final class ReaderTransfer: @unchecked Sendable {
    let reader: LineBatchReader

    init(reader: LineBatchReader) {
        self.reader = reader
    }
}
