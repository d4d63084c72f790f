import Glibc

/// One line of standard input, numbered from 1 over every line read, including lines too long to keep.
struct StandardInputLine: Equatable {
    enum Content: Equatable {
        /// The line without its `\n`, and without a `\r` right before the `\n`.
        case bytes([UInt8])
        /// A line longer than the maximum, which was dropped. `length` counts its bytes without the terminator.
        case tooLong(length: Int)
    }

    var number: Int
    var content: Content
}

/// Reads the lines that arrive on standard input, for `authaudit tail -`.
///
/// The caller waits for the descriptor in `poll(2)` and calls `read()` when it is readable, so a read
/// never blocks for long. Standard input has no checkpoint: what was read before a restart is not known.
final class StandardInputLines {
    let descriptor: Int32 = STDIN_FILENO
    private(set) var isAtEnd = false
    /// The `errno` of a failed `read(2)`, which ended the input, until `takeReadError()` returns it.
    private var readError: Int32?
    private var splitter: FollowLineSplitter
    private var offset: Int64 = 0
    private var nextNumber = 1
    /// The maximum number of bytes one `read()` takes.
    static let readSize = 64 * 1024
    private var buffer = [UInt8](repeating: 0, count: readSize)

    init(maximumLineLength: Int) {
        splitter = FollowLineSplitter(maximumLineLength: maximumLineLength)
    }

    /// Reads what is available and returns the complete lines; at the end of input also the last line
    /// without a newline.
    func read() -> [StandardInputLine] {
        var lines: [StandardInputLine] = []
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            let code = errno
            if code == EINTR || code == EAGAIN {
                return []
            }
            readError = code
        }
        guard count > 0 else {
            return finish()
        }
        buffer.withUnsafeBytes { bytes in
            splitter.split(UnsafeRawBufferPointer(rebasing: bytes[..<count]), at: offset) { event in
                append(event, to: &lines)
            }
        }
        offset += Int64(count)
        return lines
    }

    /// Stops reading and returns the unfinished last line, if any, as a line.
    ///
    /// Called at the end of input and when `tail` stops while input is still open. Standard input has no
    /// checkpoint, so a later run cannot read those bytes.
    func finish() -> [StandardInputLine] {
        var lines: [StandardInputLine] = []
        isAtEnd = true
        splitter.finish(endOffset: offset) { event in
            append(event, to: &lines)
        }
        return lines
    }

    /// Returns the `errno` of the `read(2)` failure that ended the input, once.
    func takeReadError() -> Int32? {
        defer { readError = nil }
        return readError
    }

    private func append(_ event: FollowLineSplitter.Event, to lines: inout [StandardInputLine]) {
        switch event {
        case .line(let bytes, _):
            lines.append(StandardInputLine(number: nextNumber, content: .bytes(bytes)))
        case .lineTooLong(_, let length):
            lines.append(StandardInputLine(number: nextNumber, content: .tooLong(length: length)))
        case .zeroBytesSkipped:
            // Zero bytes before a line are not part of any line, so the line count does not change.
            return
        }
        nextNumber += 1
    }
}
