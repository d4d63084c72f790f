import Foundation

/// Reads batches on a background thread while the caller writes them, and prepares each batch on
/// whichever of the two threads is free.
///
/// Inflating and framing run on the background thread and the SQLite writes on the caller's.
/// Preparing a batch (scanning its lines) goes to the thread that would otherwise wait (see
/// `PreparingQueue`). So an ingest of a gzip file takes about half the work of both threads, not as
/// long as the slower one.
final class BatchPipeline<Raw: Sendable, Element: Sendable> {
    /// A prepared batch and how many compressed bytes the reader had consumed when it was read.
    struct Item: Sendable {
        var element: Element
        var compressedBytesRead: Int64
    }

    /// A batch as read, before `prepare`.
    private struct Pending: Sendable {
        var raw: Raw
        var compressedBytesRead: Int64
    }

    private let queue: PreparingQueue<Pending, Item>
    private let thread: Thread

    /// Starts reading. The reader belongs to the background thread from now on. `produce` runs
    /// there and returns nil at the end, and `prepare` runs on either thread. At most `capacity`
    /// batches wait for the caller, prepared or not.
    init(
        reader: LineBatchReader, capacity: Int = 4,
        produce: @escaping @Sendable (LineBatchReader) -> Raw?,
        prepare: @escaping @Sendable (Raw) -> Element
    ) {
        let transfer = ReaderTransfer(reader: reader)
        let queue = PreparingQueue<Pending, Item>(capacity: capacity) { pending in
            Item(element: prepare(pending.raw), compressedBytesRead: pending.compressedBytesRead)
        }
        self.queue = queue
        thread = Thread {
            while let raw = produce(transfer.reader) {
                let pending = Pending(raw: raw, compressedBytesRead: transfer.reader.stream.compressedBytesRead)
                guard queue.put(pending) else { break }
            }
            queue.close()
        }
        thread.name = "authaudit-reader"
        thread.start()
    }

    /// The next prepared batch, or nil at the end of the input.
    func next() -> Item? {
        queue.take()
    }

    /// Whether the reader has read its input to the end (or was stopped): the batches still to come
    /// are already in the queue.
    var hasReachedEnd: Bool {
        queue.isClosed
    }

    /// Stops the reader early (for example after a fatal error); it ends at its next batch.
    func cancel() {
        queue.close()
    }
}

extension BatchPipeline where Raw == Element {
    /// Starts reading with `produce`, which runs on the background thread, returns finished batches
    /// and nil at the end.
    convenience init(reader: LineBatchReader, capacity: Int = 4, produce: @escaping @Sendable (LineBatchReader) -> Raw?) {
        self.init(reader: reader, capacity: capacity, produce: produce, prepare: { $0 })
    }
}

/// Hands a reader to the background thread. `@unchecked Sendable` is sound because the creating
/// thread does not use the reader while the pipeline runs: it reads only constants such as
/// `stream.totalBytes`, and takes the reader's diagnostics after the pipeline has ended.
private final class ReaderTransfer: @unchecked Sendable {
    let reader: LineBatchReader

    init(reader: LineBatchReader) {
        self.reader = reader
    }
}
