import Glibc

/// Checks the paths given to `authaudit tail` once at the start, so that a mistyped path is not waited for
/// in silence.
///
/// A missing path gets a warning and is still followed: it may appear later, as `tail -F` allows. A path
/// that exists but is neither a regular file nor a folder (a device, a FIFO, a socket) gets an error
/// diagnostic, because the follower passes such files over. Other `stat(2)` failures, such as a permission
/// problem, are reported by the follower's first poll.
enum TailPathCheck {
    /// Prints a line for each missing or unusable path and stores the errors in the diagnostics table.
    /// Returns whether any path is unusable.
    static func check(_ paths: [String], store: AuditStore) throws -> Bool {
        var hasErrors = false
        for path in paths {
            switch FileStatus.of(path: path) {
            case .failure(let error) where error.code == ENOENT:
                Console.error("authaudit tail: \(path) does not exist yet; waiting for it to appear")
            case .success(let status) where !status.isRegularFile && !status.isFolder:
                // NOTE: no InputProblem case names a file of the wrong type, so the reason is worded here.
                let diagnostic = Diagnostic(
                    severity: .error, source: path,
                    problem: .notFollowable)
                Console.error(DiagnosticRenderer.render(diagnostic))
                try store.record(diagnostic, problemText: DiagnosticRenderer.describe(diagnostic.problem))
                hasErrors = true
            default:
                break
            }
        }
        return hasErrors
    }
}
