/// A growable byte buffer that a decoder can write into past its end, after making room, which an
/// `Array` does not allow. It contains the messages of one `EnvelopeMessageBatch`.
///
/// `@unchecked Sendable` is sound because a buffer is used by one thread at a time: the reader thread
/// fills it, then hands the batch to the writer thread and keeps no reference.
final class MessageBytes: @unchecked Sendable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// The bytes in use, from `base`.
    var count = 0 {
        didSet { precondition(count >= 0 && count <= capacity, "count outside the buffer") }
    }

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
    }

    deinit {
        base.deallocate()
    }

    /// Makes room for at least `extra` bytes after `count`, growing the buffer geometrically.
    func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(count + extra, capacity * 2)
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let source = bytes.baseAddress {
            (base + count).copyMemory(from: source, byteCount: bytes.count)
        }
        count += bytes.count
    }

    func slice(_ start: Int, _ length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + start, count: length)
    }
}
