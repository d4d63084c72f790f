/// A fast 64-bit hash of bytes, for deduplication keys and in-memory caches.
///
/// It reads eight bytes per step and ends with the MurmurHash3 64-bit finalizer. It is not
/// cryptographic: inputs are log lines, not an adversary's chosen collisions, and a collision
/// costs at most one merged identity or one skipped duplicate line.
public enum ByteHash {
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ seed ^ UInt64(truncatingIfNeeded: bytes.count)
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = (state ^ mix(word)) &* 0x9FB2_1C65_1E98_DF25
            state = (state << 27) | (state >> 37)
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        state ^= mix(tail)
        return mix(state)
    }

    public static func hash(_ string: String) -> UInt64 {
        var copy = string
        return copy.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// The MurmurHash3 fmix64 finalizer.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// The hash as a signed integer, for SQLite INTEGER columns.
    public static func storable(_ hash: UInt64) -> Int64 {
        Int64(bitPattern: hash)
    }
}
