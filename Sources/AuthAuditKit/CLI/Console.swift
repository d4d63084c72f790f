import Glibc

/// Standard output and standard error.
///
/// Results are buffered and written to file descriptor 1 in large writes. Diagnostics go to file
/// descriptor 2 at once, after any pending results, so the two stay in order on a terminal.
public enum Console {
    private static let outputBuffer = OutputBuffer(descriptor: STDOUT_FILENO)

    /// Writes to standard output (results).
    public static func out(_ text: String) {
        outputBuffer.append(text)
    }

    /// Writes to standard error (diagnostics, progress, messages), with a newline by default.
    public static func error(_ text: String, terminator: String = "\n") {
        outputBuffer.flush()
        writeAll(STDERR_FILENO, text + terminator)
    }

    public static var isErrorTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    public static var isOutputTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    public static func flush() {
        outputBuffer.flush()
    }

    static func writeAll(_ descriptor: Int32, _ text: String) {
        var copy = text
        copy.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // A closed pipe (`| head`): the rest of the output has no reader.
                }
                offset += written
            }
        }
    }
}

/// A write buffer in front of one file descriptor.
///
/// `@unchecked Sendable` is sound because the lock guards `pending` on every access.
private final class OutputBuffer: @unchecked Sendable {
    private let descriptor: Int32
    private var pending = ""
    private var lock = pthread_mutex_t()

    init(descriptor: Int32) {
        self.descriptor = descriptor
        pthread_mutex_init(&lock, nil)
    }

    func append(_ text: String) {
        pthread_mutex_lock(&lock)
        pending += text
        let isFull = pending.utf8.count >= 64 * 1024
        pthread_mutex_unlock(&lock)
        if isFull { flush() }
    }

    func flush() {
        pthread_mutex_lock(&lock)
        let text = pending
        pending = ""
        pthread_mutex_unlock(&lock)
        if !text.isEmpty {
            Console.writeAll(descriptor, text)
        }
    }
}

/// Process exit statuses, following the BSD `sysexits.h` convention for usage errors.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A failure, or input that was skipped in whole or in part.
    case failure = 1
    /// The command line was wrong (`EX_USAGE`).
    case usage = 64
}
