import Foundation

/// Batch storage handed back by the writer thread for a reader thread to fill again.
///
/// Every batch of an ingest has the same capacity, so reusing the storage of written batches spares
/// an allocation of about a megabyte per batch. Without the pool, the allocator kept freed batches
/// of every reader thread, and the kernel cleared fresh pages for new ones. So a rotated set of many
/// files used more memory and more system time than one file of the same size.
///
/// `@unchecked Sendable` is sound because `free` is only read or changed with `lock` held.
public final class BatchStoragePool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [[UInt8]] = []
    /// The only storage size kept: larger storage (for a long line) is left to the allocator.
    public let storageSize: Int
    private let maximumKept: Int

    public init(storageSize: Int, maximumKept: Int = 8) {
        self.storageSize = storageSize
        self.maximumKept = maximumKept
    }

    /// Returns kept storage of `storageSize` bytes, or nil when none is kept. Its bytes are stale.
    ///
    /// The storage kept longest comes first, because the writer may keep a copy of the newest for a
    /// moment after recycling it, and filling shared storage copies it.
    func take() -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return free.isEmpty ? nil : free.removeFirst()
    }

    /// Keeps `storage` for reuse when it has the pool's size and the pool has room.
    ///
    /// The caller should keep no other copy once it returns. A reader that fills storage still shared
    /// with a batch copies it first, which is correct but spares nothing.
    public func recycle(_ storage: [UInt8]) {
        guard storage.count == storageSize else { return }
        lock.lock()
        defer { lock.unlock() }
        if free.count < maximumKept { free.append(storage) }
    }
}
