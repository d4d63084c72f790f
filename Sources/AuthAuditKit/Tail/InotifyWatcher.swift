import Glibc

/// An inotify instance that watches the folders of the followed paths, so the tail loop wakes up as soon as
/// a followed file is written, created, renamed or deleted instead of at its next poll.
///
/// It only wakes the loop: what changed is found by the next `LogFollower.poll()`, which also runs on a
/// timer, so a missed event (a watch that could not be added, an overflowed queue) delays a line by one
/// poll interval at most.
final class InotifyWatcher {
    let descriptor: Int32
    private var watched: Set<String> = []

    /// Returns nil when inotify is not available (the kernel lacks it, or the limit of instances is reached).
    init?() {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Watches each followed folder, and the folder of each followed file, so that files created there
    /// and renames are seen too. Paths that do not exist yet are tried again on the next call.
    func watch(_ paths: [String]) {
        let mask = UInt32(
            IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | IN_ATTRIB)
        for path in paths {
            var isFolder = false
            if case .success(let status) = FileStatus.of(path: path) {
                isFolder = status.isFolder
            }
            let folder = isFolder ? path : Self.parentFolder(of: path)
            guard !watched.contains(folder) else { continue }
            if inotify_add_watch(descriptor, folder, mask) >= 0 {
                watched.insert(folder)
            }
        }
    }

    /// Reads and discards the queued events; their only use is to have woken the loop.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while read(descriptor, &buffer, buffer.count) > 0 {}
    }

    private static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
