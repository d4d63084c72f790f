import Glibc

/// The decompressed bytes of one input file or of standard input.
///
/// Reads with `read(2)` in chunks of `readChunkSize` bytes. The content is gzip when it starts with the
/// gzip magic bytes `1f 8b`, whatever the file is called; anything else passes through unchanged.
/// Problems met after opening (a truncated or corrupt gzip member, a failed `read(2)`) end the stream
/// early and are collected in `diagnostics`. The bytes delivered before them stay valid.
public final class DecompressedStream {
    public static let defaultReadChunkSize = 256 * 1024

    /// The path as given, or `<stdin>` for `-`.
    public let source: String
    /// Whether the content starts with the gzip magic bytes.
    public let isGzip: Bool
    /// The size of the raw (possibly compressed) file, when it is a regular file.
    public let totalBytes: Int64?
    /// Raw bytes read from the file so far; compare with `totalBytes` for progress.
    public private(set) var compressedBytesRead: Int64 = 0
    /// Problems found so far, in the order they were found.
    public private(set) var diagnostics: [Diagnostic] = []

    private let file: InputFileDescriptor
    private let readChunkSize: Int
    private let inflater: GzipInflater?
    /// Raw bytes read but not yet handed out or inflated are `rawBuffer[rawStart..<rawEnd]`.
    private let rawBuffer: UnsafeMutableRawBufferPointer
    private var rawStart = 0
    private var rawEnd = 0
    private var reachedEndOfFile = false
    private var isFinished = false
    /// Whether the outer gzip stream has ended, at its last byte or at a problem.
    private var outerFinished = false
    /// The inflater of a second gzip layer, set when the first inflated bytes start with the magic bytes.
    private var innerInflater: GzipInflater?
    /// Inflated bytes of the outer layer not yet handed out (one layer) or inflated again (two
    /// layers) are `middleBuffer[middleStart..<middleEnd]`; nil until the layers are known.
    private var middleBuffer: UnsafeMutableRawBufferPointer?
    private var middleStart = 0
    private var middleEnd = 0
    private var layersKnown = false

    /// Opens `path` (`-` for standard input) and reads its first bytes to detect gzip.
    ///
    /// - Parameters:
    ///   - path: A file path, or `-` for standard input.
    ///   - readChunkSize: The largest `read(2)` call in bytes; tests use 1 to split the input everywhere.
    /// - Throws: `InputOpenError` when the path is missing, unreadable or a folder.
    public init(path: String, readChunkSize: Int = DecompressedStream.defaultReadChunkSize) throws(InputOpenError) {
        precondition(readChunkSize > 0, "readChunkSize must be positive")
        source = path == "-" ? "<stdin>" : path
        file = try InputFileDescriptor(path: path)
        totalBytes = file.regularFileSize()
        self.readChunkSize = readChunkSize
        // Room for the two magic bytes even when reads are a single byte.
        rawBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(readChunkSize, 2), alignment: 16)

        var readError: Errno?
        while rawEnd < 2 && !reachedEndOfFile {
            if case .failure(let error) = Self.fill(file, rawBuffer, &rawEnd, readChunkSize, &reachedEndOfFile) {
                readError = error
            }
        }
        isGzip = rawEnd >= 2 && rawBuffer[0] == 0x1f && rawBuffer[1] == 0x8b
        inflater = isGzip ? GzipInflater() : nil
        compressedBytesRead = Int64(rawEnd)
        if let readError {
            record(.unreadable(errno: readError.code), severity: .error)
        }
    }

    deinit {
        rawBuffer.deallocate()
        middleBuffer?.deallocate()
    }

    /// Fills the start of `buffer` with the next decompressed bytes.
    ///
    /// - Returns: the number of bytes written, at least 1, or 0 at the end of the stream (including an
    ///   early end after a problem recorded in `diagnostics`).
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        precondition(buffer.count > 0, "read(into:) needs a non-empty buffer")
        guard !isFinished else {
            return 0
        }
        guard let inflater else {
            return readPlain(into: buffer)
        }
        if !layersKnown {
            detectLayers(inflater)
        }
        let count: Int
        if let innerInflater {
            count = inflateInner(with: innerInflater, outer: inflater, into: buffer)
        } else if middleStart < middleEnd, let middleBuffer {
            count = min(buffer.count, middleEnd - middleStart)
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: middleBuffer[middleStart..<(middleStart + count)]))
            middleStart += count
        } else {
            count = outerFinished ? 0 : inflate(with: inflater, into: buffer)
        }
        if count == 0 {
            isFinished = true
        }
        return count
    }

    /// Inflates the first bytes of the outer layer into `middleBuffer` and checks them for a second
    /// gzip header.
    private func detectLayers(_ inflater: GzipInflater) {
        let middle = UnsafeMutableRawBufferPointer.allocate(byteCount: max(readChunkSize, 2), alignment: 16)
        middleBuffer = middle
        while middleEnd < 2 && !outerFinished {
            middleEnd += inflate(with: inflater, into: UnsafeMutableRawBufferPointer(rebasing: middle[middleEnd...]))
        }
        if middleEnd >= 2 && middle[0] == 0x1f && middle[1] == 0x8b {
            innerInflater = GzipInflater()
        }
        layersKnown = true
    }

    /// Inflates the outer layer's output again; returns 0 at the end of both layers.
    private func inflateInner(
        with inner: GzipInflater, outer: GzipInflater, into buffer: UnsafeMutableRawBufferPointer
    ) -> Int {
        guard let middleBuffer else { return 0 }
        while true {
            if middleStart == middleEnd {
                if outerFinished {
                    if let problem = inner.finish() {
                        record(problem, severity: .warning)
                    }
                    return 0
                }
                middleStart = 0
                middleEnd = inflate(with: outer, into: middleBuffer)
                continue
            }
            let input = UnsafeRawBufferPointer(rebasing: middleBuffer[middleStart..<middleEnd])
            let step = inner.inflate(input, into: buffer)
            middleStart += step.consumed
            if let problem = step.problem {
                record(problem, severity: .error)
                outerFinished = true
                middleStart = middleEnd
                return step.produced
            }
            if step.produced > 0 {
                return step.produced
            }
        }
    }

    private func readPlain(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        if rawStart < rawEnd {
            let count = min(buffer.count, rawEnd - rawStart)
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: rawBuffer[rawStart..<(rawStart + count)]))
            rawStart += count
            return count
        }
        if reachedEndOfFile {
            isFinished = true
            return 0
        }

        // Plain input goes straight into the caller's buffer without a copy.
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, readChunkSize)])
        switch file.read(into: target) {
        case .success(let count):
            compressedBytesRead += Int64(count)
            if count == 0 {
                isFinished = true
            }
            return count
        case .failure(let error):
            record(.unreadable(errno: error.code), severity: .error)
            isFinished = true
            return 0
        }
    }

    /// Inflates the outer layer into `buffer`; returns 0 once it has ended (`outerFinished`).
    private func inflate(with inflater: GzipInflater, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard !outerFinished else { return 0 }
        while true {
            if rawStart == rawEnd && !reachedEndOfFile {
                refillRawBuffer()
            }
            if rawStart == rawEnd && reachedEndOfFile {
                if let problem = inflater.finish() {
                    record(problem, severity: .warning)
                }
                outerFinished = true
                return 0
            }

            let input = UnsafeRawBufferPointer(rebasing: rawBuffer[rawStart..<rawEnd])
            let step = inflater.inflate(input, into: buffer)
            rawStart += step.consumed
            if let problem = step.problem {
                record(problem, severity: .error)
                outerFinished = true
                return step.produced
            }
            if step.produced > 0 {
                return step.produced
            }
        }
    }

    private func refillRawBuffer() {
        rawStart = 0
        rawEnd = 0
        let result = Self.fill(file, rawBuffer, &rawEnd, readChunkSize, &reachedEndOfFile)
        switch result {
        case .success(let count):
            compressedBytesRead += Int64(count)
        case .failure(let error):
            record(.unreadable(errno: error.code), severity: .error)
            reachedEndOfFile = true
        }
    }

    /// Reads once into `buffer[end...]`, at most `chunkSize` bytes, and moves `end`; sets `reachedEndOfFile`
    /// when `read(2)` returns 0.
    private static func fill(
        _ file: InputFileDescriptor,
        _ buffer: UnsafeMutableRawBufferPointer,
        _ end: inout Int,
        _ chunkSize: Int,
        _ reachedEndOfFile: inout Bool
    ) -> Result<Int, Errno> {
        let room = min(buffer.count - end, chunkSize)
        let result = file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<(end + room)]))
        switch result {
        case .success(let count):
            end += count
            if count == 0 {
                reachedEndOfFile = true
            }
        case .failure:
            reachedEndOfFile = true
        }
        return result
    }

    private func record(_ problem: InputProblem, severity: DiagnosticSeverity) {
        diagnostics.append(Diagnostic(severity: severity, source: source, problem: problem))
    }
}

@available(*, unavailable, message: "One reader owns the file position and the zlib stream.")
extension DecompressedStream: Sendable {}
