/// The head and length of a gzip file's decompressed content, found by decompressing all of it.
struct CompressedContentSummary {
    /// The first `FollowedFileIdentity.maximumHeadLength` decompressed bytes, or all of them.
    var head: [UInt8]
    var length: Int64
    /// Set when the file ends inside a gzip member, as it does while a compressor is still writing it.
    var isTruncated: Bool

    /// Decompresses the file at `path` to its end.
    ///
    /// - Throws: `InputOpenError` when the file cannot be opened.
    init(path: String) throws(InputOpenError) {
        let stream = try DecompressedStream(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }

        head = []
        length = 0
        while true {
            let count = stream.read(into: buffer)
            if count == 0 {
                break
            }
            if head.count < FollowedFileIdentity.maximumHeadLength {
                let wanted = min(count, FollowedFileIdentity.maximumHeadLength - head.count)
                head.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<wanted]))
            }
            length += Int64(count)
        }
        isTruncated = stream.diagnostics.contains { diagnostic in
            if case .truncatedGzip = diagnostic.problem {
                return true
            }
            return false
        }
    }
}
