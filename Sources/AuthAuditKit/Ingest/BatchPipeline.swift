import Foundation

/// Reads line batches, and prepares each one, on a background thread while the caller writes them.
///
/// Inflating, framing and scanning run on one core and the SQLite writes on the other, so an
/// ingest of a gzip file takes about as long as the slower of the two halves.
final class BatchPipeline<Element: Sendable> {
    /// A prepared batch and how many compressed bytes the reader had consumed when it was read.
    struct Item: Sendable {
        var element: Element
        var compressedBytesRead: Int64
    }

    private let queue: BoundedQueue<Item>
    private let thread: Thread

    /// Starts reading. The reader belongs to the background thread from now on; `prepare` runs
    /// there on each batch. At most `capacity` prepared batches wait for the caller.
    convenience init(
        reader: LineBatchReader, capacity: Int = 4, prepare: @escaping @Sendable (LineBatch) -> Element
    ) {
        self.init(reader: reader, capacity: capacity) { reader in reader.nextBatch().map(prepare) }
    }

    /// Starts reading with `produce`, which runs on the background thread and returns nil at the end.
    init(reader: LineBatchReader, capacity: Int = 4, produce: @escaping @Sendable (LineBatchReader) -> Element?) {
        let transfer = ReaderTransfer(reader: reader)
        let queue = BoundedQueue<Item>(capacity: capacity)
        self.queue = queue
        thread = Thread {
            while let element = produce(transfer.reader) {
                let item = Item(element: element, compressedBytesRead: transfer.reader.stream.compressedBytesRead)
                guard queue.put(item) else { break }
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
