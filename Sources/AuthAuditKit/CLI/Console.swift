import Glibc

/// Standard output and standard error, written with stdio so output is buffered and ordered.
public enum Console {
    /// Writes to standard output (results).
    public static func out(_ text: String) {
        fputs(text, stdout)
    }

    /// Writes a line to standard error (diagnostics, progress, messages).
    public static func error(_ text: String, terminator: String = "\n") {
        fflush(stdout)
        fputs(text + terminator, stderr)
    }

    public static var isErrorTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    public static var isOutputTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    public static func flush() {
        fflush(stdout)
        fflush(stderr)
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
