import Glibc

/// A failure to open an input path: it is missing, unreadable or a folder where a file was expected.
public struct InputOpenError: Error, Sendable, Equatable {
    /// The path as given, or `<stdin>`.
    public var path: String
    /// The `errno` of the failed `open(2)` or `fstat(2)`; `EISDIR` for a folder.
    public var errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    /// The same failure as an input problem, for reporting it as a diagnostic and going on with other inputs.
    public var problem: InputProblem {
        errno == ENOENT ? .notFound : .unreadable(errno: errno)
    }
}

/// A whole-document input that is larger than the caller's limit.
public struct DocumentTooLargeError: Error, Sendable, Equatable {
    /// The path as given, or `<stdin>`.
    public var source: String
    /// The limit in decompressed bytes.
    public var limit: Int

    public init(source: String, limit: Int) {
        self.source = source
        self.limit = limit
    }
}
