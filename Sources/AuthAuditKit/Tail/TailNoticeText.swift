import Glibc

/// The standard-error text of the follower's notices. Problems are always shown; the rest (files
/// started, rotated, let go) only with `--verbose`.
enum TailNoticeText {
    static func describe(_ notice: FollowNotice, isVerbose: Bool) -> String? {
        switch notice {
        case .unreadable(let path, let code):
            return "cannot read \(path): \(String(cString: strerror(code)))"
        case .gzipProblem(let path, let problem):
            return "\(path): \(DiagnosticRenderer.describe(problem)); the lines before the damage were read"
        case .lineTooLong(let path, let endOffset, let length, let maximum):
            // NOTE: a line too long is reported here by offset but not counted as skipped, so it does not
            // change the exit status.
            return "\(path): skipped a line of \(length) bytes ending at offset \(endOffset), longer than"
                + " --max-line-bytes \(maximum)"
        case .truncated(let path, _, let previousOffset):
            return "\(path) was truncated after \(previousOffset) bytes were read; reading it again from the start"
        default:
            break
        }
        guard isVerbose else { return nil }
        switch notice {
        case .started(let path, _, let offset):
            return "following \(path) from offset \(offset)"
        case .rotated(let path, let newPath, _):
            return "\(path) was rotated" + (newPath.map { " to \($0)" } ?? " away") + "; reading it to its end"
        case .skippedZeroBytes(let path, let offset, let count):
            return "\(path): skipped \(count) zero bytes at offset \(offset)"
        case .skippedCopy(let path, _, _):
            return "\(path) is a copy of a file already read; reading only what the original lacked"
        case .released(let path, _, let reason):
            return "stopped following \(path) (\(reason))"
        default:
            return nil
        }
    }
}
