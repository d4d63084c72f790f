import Glibc

/// An in-memory map from byte strings to the integer ids of a dimension table.
///
/// Lookups hash the bytes in place and compare them with the stored key, so a hit allocates
/// nothing; only a miss copies the bytes. Keys with equal hashes share a bucket.
struct DimensionCache {
    private var buckets: [UInt64: [(key: [UInt8], id: Int64)]] = [:]

    func id(for bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int64? {
        guard let bucket = buckets[hash] else { return nil }
        for entry in bucket where entry.key.count == bytes.count {
            let isEqual = entry.key.withUnsafeBytes { stored in
                bytes.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
            }
            if isEqual { return entry.id }
        }
        return nil
    }

    mutating func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, id: Int64) {
        buckets[hash, default: []].append((key: Array(bytes), id: id))
    }

    mutating func removeAll() {
        buckets.removeAll()
    }
}
