import Glibc

/// Reads the lines that arrive on standard input, for `authaudit tail -`.
///
/// The caller waits for the descriptor in `poll(2)` and calls `read()` when it is readable, so a read
/// never blocks for long. Standard input has no checkpoint: what was read before a restart is not known.
///
/// NOTE: a line longer than the maximum is dropped without a diagnostic and is not counted, so the
/// `<stdin>:LINE` numbers of later diagnostics are one lower for each such line.
final class StandardInputLines {
    let descriptor: Int32 = STDIN_FILENO
    private(set) var isAtEnd = false
    private var splitter: FollowLineSplitter
    private var offset: Int64 = 0
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(maximumLineLength: Int) {
        splitter = FollowLineSplitter(maximumLineLength: maximumLineLength)
    }

    /// Reads what is available and returns the complete lines; at the end of input also the last line
    /// without a newline.
    func read() -> [[UInt8]] {
        var lines: [[UInt8]] = []
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && (errno == EINTR || errno == EAGAIN) {
            return []
        }
        guard count > 0 else {
            isAtEnd = true
            splitter.finish(endOffset: offset) { event in
                if case .line(let bytes, _) = event { lines.append(bytes) }
            }
            return lines
        }
        buffer.withUnsafeBytes { bytes in
            splitter.split(UnsafeRawBufferPointer(rebasing: bytes[..<count]), at: offset) { event in
                if case .line(let bytes, _) = event { lines.append(bytes) }
            }
        }
        offset += Int64(count)
        return lines
    }
}
