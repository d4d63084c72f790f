import Glibc

/// One input to read: a file path or standard input.
public enum InputSource: Sendable, Hashable {
    case file(path: String)
    case standardInput

    /// The path to open, `-` for standard input.
    public var path: String {
        switch self {
        case .file(let path): path
        case .standardInput: "-"
        }
    }
}

/// A file found during discovery that is left out because its content is read through another path.
public struct SkippedInput: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The same file (same device and inode) was already listed under `path`.
        case sameFile(as: String)
        /// A `.gz` backup whose uncompressed original at `path` still exists, because compression was
        /// still running or was interrupted. The original is complete; the `.gz` may not be.
        case compressedCopy(of: String)
    }

    public var path: String
    public var reason: Reason
}

/// The ordered inputs found for the command-line arguments, and the problems met on the way.
public struct DiscoveredInputs: Sendable, Equatable {
    public var inputs: [InputSource] = []
    /// Missing and unreadable paths; the other inputs are still listed.
    public var diagnostics: [Diagnostic] = []
    public var skipped: [SkippedInput] = []
}

public enum InputDiscoveryError: Error, Sendable, Equatable {
    /// `-` appears more than once; standard input can be read only once.
    case standardInputRepeated
}

/// Expands command-line arguments into an ordered list of inputs.
///
/// Rules:
/// - Arguments keep their order. `-` stands for standard input and may appear once.
/// - A path that is not a folder is listed as given, whatever its kind (a regular file, or a pipe such as
///   `/dev/fd/63` from `<(...)`), even when its name starts with a dot.
/// - A folder is walked recursively: its files first, then its subfolders in byte order of their names.
///   Names starting with `.`, Markdown files and READMEs are skipped, and so are entries that are neither
///   regular files nor folders.
///   Symbolic links are followed, but a folder already walked (same device and inode) is not walked
///   again, which ends symlink loops.
/// - Within a folder, files are ordered by `RotatedLogName`: each set of rotated logs oldest first, the
///   live file last, and sets and other files by name. Lumberjack backups
///   (`audit-2024-05-01T09-16-57.416.log[.gz]`) go by their timestamp, logrotate `dateext` backups
///   (`audit.log-20240501[.gz]`) by date, numbered backups from the highest number (`audit.log.3.gz`,
///   `audit.log.2.gz`, `audit.log.1`), then `audit.log`.
/// - A file reached twice (same device and inode, through links or overlapping arguments) is listed once.
///   A `.gz` backup next to its uncompressed original is left out. Both cases are listed in `skipped`.
/// - A missing or unreadable path becomes a diagnostic and the rest proceeds.
public struct InputDiscovery {
    private var result = DiscoveredInputs()
    private var listedFiles: [FileIdentity: String] = [:]
    private var walkedFolders: Set<FileIdentity> = []
    private var hasStandardInput = false

    private struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    /// Expands `arguments` (paths and `-`) into the ordered inputs.
    ///
    /// - Throws: `InputDiscoveryError.standardInputRepeated` when `-` appears twice.
    public static func discover(_ arguments: [String]) throws(InputDiscoveryError) -> DiscoveredInputs {
        var discovery = InputDiscovery()
        for argument in arguments {
            try discovery.add(argument: argument)
        }
        return discovery.result
    }

    private mutating func add(argument: String) throws(InputDiscoveryError) {
        if argument == "-" {
            guard !hasStandardInput else {
                throw .standardInputRepeated
            }
            hasStandardInput = true
            result.inputs.append(.standardInput)
            return
        }

        guard let status = status(of: argument) else {
            return
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            walk(folder: argument, status: status)
        } else {
            addFile(argument, status: status)
        }
    }

    // MARK: - Folders

    /// Markdown files and READMEs are notes about a log folder, never logs: a folder walk passes
    /// over them, so `authaudit analyze logs/` does not report them as unknown input.
    static func isDocumentation(_ name: String) -> Bool {
        name.hasSuffix(".md") || name.hasPrefix("README")
    }

    private mutating func walk(folder: String, status: stat) {
        guard walkedFolders.insert(FileIdentity(status)).inserted else {
            return
        }
        guard let names = entryNames(of: folder) else {
            return
        }

        var files: [(name: RotatedLogName, status: stat)] = []
        var subfolders: [(path: String, status: stat)] = []
        for name in names where !name.hasPrefix(".") && !Self.isDocumentation(name) {
            let path = Self.join(folder, name)
            guard let entryStatus = self.status(of: path) else {
                continue
            }
            switch entryStatus.st_mode & S_IFMT {
            case S_IFREG: files.append((RotatedLogName(fileName: name), entryStatus))
            case S_IFDIR: subfolders.append((path, entryStatus))
            default: continue
            }
        }

        files.sort { $0.name.precedes($1.name) }
        for (index, file) in files.enumerated() {
            let path = Self.join(folder, file.name.fileName)
            if index > 0 && file.name.isCompressedCopy(of: files[index - 1].name) {
                let original = Self.join(folder, files[index - 1].name.fileName)
                result.skipped.append(SkippedInput(path: path, reason: .compressedCopy(of: original)))
                continue
            }
            addFile(path, status: file.status)
        }

        subfolders.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        for subfolder in subfolders {
            walk(folder: subfolder.path, status: subfolder.status)
        }
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Lists the names in `folder` with `opendir`/`readdir`, or records a diagnostic.
    ///
    /// NOTE: names are decoded as UTF-8; a name with invalid UTF-8 gets replacement characters, so the
    /// path built from it does not open and is reported as not found.
    private mutating func entryNames(of folder: String) -> [String]? {
        guard let directory = opendir(folder) else {
            record(folder, errno: errno)
            return nil
        }
        defer { closedir(directory) }

        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." {
                names.append(name)
            }
        }
        return names
    }

    // MARK: - Files

    private mutating func addFile(_ path: String, status: stat) {
        let identity = FileIdentity(status)
        if let earlier = listedFiles[identity] {
            result.skipped.append(SkippedInput(path: path, reason: .sameFile(as: earlier)))
            return
        }
        guard access(path, R_OK) == 0 else {
            record(path, errno: errno)
            return
        }
        listedFiles[identity] = path
        result.inputs.append(.file(path: path))
    }

    /// `stat(2)` of `path`, following symbolic links, or `nil` after recording a diagnostic.
    private mutating func status(of path: String) -> stat? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            record(path, errno: errno)
            return nil
        }
        return status
    }

    private mutating func record(_ path: String, errno code: Int32) {
        let problem = InputOpenError(path: path, errno: code).problem
        result.diagnostics.append(Diagnostic(severity: .error, source: path, problem: problem))
    }
}
