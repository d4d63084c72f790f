/// A cheap identity of a file's raw bytes, for recognising a file that was already ingested under
/// another name or path.
///
/// Two files with equal fingerprints have the same size and the same first `hashedByteCount` bytes,
/// which for rotated log backups (never changed after rotation) means the same content. A file that
/// grows, such as a live log, gets a new fingerprint with every write.
public struct FileFingerprint: Sendable, Hashable {
    /// The number of leading raw bytes that go into `headHash`.
    public static let hashedByteCount = 64 * 1024

    /// The raw (possibly compressed) file size in bytes.
    public var size: Int64
    /// 64-bit FNV-1a hash of the first `hashedByteCount` raw bytes, or of the whole file when it is smaller.
    public var headHash: UInt64

    public init(size: Int64, headHash: UInt64) {
        self.size = size
        self.headHash = headHash
    }

    /// Computes the fingerprint of the file at `path`.
    ///
    /// For a pipe the size is the number of bytes read, at most `hashedByteCount`.
    ///
    /// - Throws: `InputOpenError` when the file cannot be opened or read, or is a folder.
    public init(path: String) throws(InputOpenError) {
        let file = try InputFileDescriptor(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.hashedByteCount, alignment: 16)
        defer { buffer.deallocate() }

        var count = 0
        reading: while count < buffer.count {
            switch file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...])) {
            case .success(0):
                break reading
            case .success(let read):
                count += read
            case .failure(let error):
                throw InputOpenError(path: path, errno: error.code)
            }
        }

        size = file.regularFileSize() ?? Int64(count)
        headHash = Self.fnv1a(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
    }

    /// Hashes `bytes` with 64-bit FNV-1a (Fowler–Noll–Vo), using the standard offset basis and prime.
    static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
