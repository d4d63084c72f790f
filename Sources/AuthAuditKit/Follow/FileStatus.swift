import Glibc

/// The parts of `stat(2)` that following a file needs.
struct FileStatus: Equatable {
    var key: FileKey
    var size: Int64
    var modificationSeconds: Int
    var modificationNanoseconds: Int
    /// `st_nlink`: 0 once the file is deleted while still open.
    var linkCount: UInt64
    var isRegularFile: Bool
    var isFolder: Bool

    init(_ status: stat) {
        key = FileKey(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        size = Int64(status.st_size)
        modificationSeconds = status.st_mtim.tv_sec
        modificationNanoseconds = status.st_mtim.tv_nsec
        linkCount = UInt64(status.st_nlink)
        isRegularFile = (status.st_mode & S_IFMT) == S_IFREG
        isFolder = (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// `stat(2)` of `path`, following symbolic links, or the `errno` of the failure.
    static func of(path: String) -> Result<FileStatus, Errno> {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return .failure(Errno(code: errno))
        }
        return .success(FileStatus(status))
    }

    /// `fstat(2)` of an open file, or the `errno` of the failure.
    static func of(_ file: InputFileDescriptor) -> Result<FileStatus, Errno> {
        var status = stat()
        guard fstat(file.descriptor, &status) == 0 else {
            return .failure(Errno(code: errno))
        }
        return .success(FileStatus(status))
    }

    /// Returns whether the size or modification time differs, which is when the head is checked again.
    func hasChanged(from other: FileStatus) -> Bool {
        size != other.size || modificationSeconds != other.modificationSeconds
            || modificationNanoseconds != other.modificationNanoseconds
    }
}

extension InputFileDescriptor {
    /// Reads up to `buffer.count` bytes at `offset` with `pread(2)`, retrying on `EINTR`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Result<Int, Errno> {
        let count = retryingOnInterrupt { pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset)) }
        return count >= 0 ? .success(count) : .failure(Errno(code: errno))
    }

    /// Reads up to `count` bytes from `offset`, fewer at the end of the file.
    func readBytes(count: Int, at offset: Int64) -> Result<[UInt8], Errno> {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), at: offset + Int64(filled))
            }
            switch result {
            case .success(0):
                bytes.removeLast(count - filled)
                return .success(bytes)
            case .success(let read):
                filled += read
            case .failure(let error):
                return .failure(error)
            }
        }
        return .success(bytes)
    }
}
