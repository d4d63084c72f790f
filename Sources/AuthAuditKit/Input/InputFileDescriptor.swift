import Glibc

/// Owner of one open file descriptor for reading, closed in `deinit` unless it is standard input.
final class InputFileDescriptor {
    let descriptor: Int32
    private let closesOnDeinit: Bool

    /// Opens `path` read-only with `open(2)`, or takes standard input for `-`.
    ///
    /// Throws when the path cannot be opened or is a folder (`EISDIR`), so that a folder is rejected
    /// here rather than by the first `read(2)`.
    init(path: String) throws(InputOpenError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            closesOnDeinit = false
        } else {
            let opened = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
            guard opened >= 0 else {
                throw InputOpenError(path: path, errno: errno)
            }
            descriptor = opened
            closesOnDeinit = true
        }

        let status = try fileStatus(path: path)
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw InputOpenError(path: path, errno: EISDIR)
        }
    }

    deinit {
        if closesOnDeinit {
            close(descriptor)
        }
    }

    /// Returns the file's size in bytes when it is a regular file, `nil` for pipes, terminals and devices.
    func regularFileSize() -> Int64? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return nil
        }
        return Int64(status.st_size)
    }

    /// Reads up to `buffer.count` bytes with `read(2)`, retrying on `EINTR`.
    ///
    /// - Returns: the number of bytes read (0 at end of file), or the `errno` of the failure.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        let count = retryingOnInterrupt { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
        return count >= 0 ? .success(count) : .failure(Errno(code: errno))
    }

    private func fileStatus(path: String) throws(InputOpenError) -> stat {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw InputOpenError(path: path, errno: errno)
        }
        return status
    }
}

/// An `errno` value returned by a failed system call.
struct Errno: Error {
    var code: Int32
}

/// Calls `body` again while it fails with `EINTR`.
func retryingOnInterrupt<T: BinaryInteger>(_ body: () -> T) -> T {
    while true {
        let result = body()
        if result >= 0 || errno != EINTR {
            return result
        }
    }
}

@available(*, unavailable, message: "One reader owns the file position.")
extension InputFileDescriptor: Sendable {}
