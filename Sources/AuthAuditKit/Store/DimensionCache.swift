import Glibc

/// An in-memory map from byte strings to the integer ids of a dimension table.
///
/// Every audit event looks up about eight values here (user, verb, namespace, resource, user
/// agent, source IP, reason, message), so the map is an open-addressing table with linear probing
/// over one array of slots, each with its key's bytes. A lookup hashes the bytes in place and compares
/// them with the stored key, so a hit allocates nothing, and a collision of hashes costs one more
/// comparison, never a wrong id. Only a miss copies the bytes. `id(forHash:)` and
/// `insert(hash:id:)` use the hash alone as the key, for `IdentityTable`.
struct DimensionCache {
    private struct Slot {
        /// The key's hash, or 0 for an empty slot (`hash(_:)` never returns 0).
        var hash: UInt64 = 0
        var id: Int64 = 0
        /// The key's own bytes. One arena for all keys measured a few megabytes more at the peak
        /// of a large ingest, from growing it by copying.
        var key: [UInt8] = []
    }

    private var slots = [Slot](repeating: Slot(), count: 64)
    private var count = 0

    /// Hashes a key for this cache with one multiply per eight bytes and a final mix. It is cheaper
    /// than `ByteHash`, whose values are stored in the database and so cannot change. It only has
    /// to spread keys over slots, because stored keys are compared byte for byte.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var state = 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: count &+ 1)
        var offset = 0
        while offset &+ 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state = state &<< 29 | state &>> 35
            offset &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(bytes[offset]) &<< shift
            shift &+= 8
            offset &+= 1
        }
        let mixed = ByteHash.mix(state ^ tail)
        return mixed == 0 ? 1 : mixed
    }

    /// Returns the id stored for `bytes`, whose `hash(_:)` is `hash`, or nil.
    func id(for bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int64? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count &- 1
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                if slots[index].hash == 0 { return nil }
                if slots[index].hash == hash && slots[index].key.count == bytes.count
                    && Self.equals(slots[index].key, bytes)
                {
                    return slots[index].id
                }
                index = (index &+ 1) & mask
            }
        }
    }

    private static func equals(_ key: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count > 0 else { return true }
        return key.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    /// Returns the id stored by `insert(hash:id:)` for `hash`, or nil.
    func id(forHash hash: UInt64) -> Int64? {
        id(for: UnsafeRawBufferPointer(start: nil, count: 0), hash: hash)
    }

    /// Stores `id` under a hash alone, with no key bytes to compare.
    mutating func insert(hash: UInt64, id: Int64) {
        insert(UnsafeRawBufferPointer(start: nil, count: 0), hash: hash, id: id)
    }

    /// Stores `id` for `bytes`, which must not be stored yet.
    mutating func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, id: Int64) {
        if (count + 1) * 2 > slots.count {
            grow()
        }
        place(Slot(hash: hash, id: id, key: Array(bytes)))
        count += 1
    }

    mutating func removeAll() {
        slots = [Slot](repeating: Slot(), count: 64)
        count = 0
    }

    /// Doubles the slots, keeping them at most half full so that probes stay short.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.hash != 0 {
            place(slot)
        }
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index].hash != 0 {
            index = (index + 1) & mask
        }
        slots[index] = slot
    }
}
