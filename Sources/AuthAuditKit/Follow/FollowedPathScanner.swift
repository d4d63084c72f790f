import Glibc

/// A regular file found under the followed paths in one poll.
struct DiscoveredFile {
    var path: String
    var status: FileStatus
    var rotatedName: RotatedLogName
}

/// Lists the regular files currently under the followed paths.
///
/// A path naming a file stands for itself. A folder stands for the regular files directly in it, except
/// names starting with `.`, Markdown files and READMEs, ordered by `RotatedLogName` so that each set of
/// rotated logs comes oldest first and its live file last. Subfolders are not walked. A file reached twice
/// (same device and inode) is listed once, under its first path. Missing paths are passed over, because
/// they may appear later; other failures are returned as `unreadable` notices.
struct FollowedPathScanner {
    let paths: [String]

    func scan() -> (files: [DiscoveredFile], problems: [FollowNotice]) {
        var files: [DiscoveredFile] = []
        var problems: [FollowNotice] = []
        var seen: Set<FileKey> = []

        func add(_ path: String, _ status: FileStatus, _ name: RotatedLogName) {
            if status.isRegularFile && seen.insert(status.key).inserted {
                files.append(DiscoveredFile(path: path, status: status, rotatedName: name))
            }
        }

        for path in paths {
            let status: FileStatus
            switch FileStatus.of(path: path) {
            case .success(let found):
                status = found
            case .failure(let error):
                if error.code != ENOENT {
                    problems.append(.unreadable(path: path, errno: error.code))
                }
                continue
            }

            guard status.isFolder else {
                add(path, status, RotatedLogName(fileName: Self.fileName(of: path)))
                continue
            }
            let (entries, problem) = Self.entries(of: path)
            if let problem {
                problems.append(problem)
            }
            for (entryPath, entryStatus, name) in entries {
                add(entryPath, entryStatus, name)
            }
        }
        return (files, problems)
    }

    /// Lists the regular files directly in `folder`, in reading order.
    private static func entries(
        of folder: String
    ) -> (entries: [(String, FileStatus, RotatedLogName)], problem: FollowNotice?) {
        guard let directory = opendir(folder) else {
            let code = errno
            return ([], code == ENOENT ? nil : .unreadable(path: folder, errno: code))
        }
        defer { closedir(directory) }

        var entries: [(String, FileStatus, RotatedLogName)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") && !InputDiscovery.isDocumentation(name) else {
                continue
            }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            // A file deleted between readdir and stat is simply not listed.
            if case .success(let status) = FileStatus.of(path: path), status.isRegularFile {
                entries.append((path, status, RotatedLogName(fileName: name)))
            }
        }
        entries.sort { $0.2.precedes($1.2) }
        return (entries, nil)
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else {
            return path
        }
        return String(path[path.index(after: slash)...])
    }
}
