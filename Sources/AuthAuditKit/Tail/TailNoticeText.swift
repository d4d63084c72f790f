/// The standard-error text of the follower's notices. Problems are always shown; the rest (files
/// started, rotated, let go) only with `--verbose`.
///
/// Lines too long, gzip damage and unreadable paths get no text here: `TailSession` records them as
/// diagnostics of skipped input, which `TailRecorder` prints.
enum TailNoticeText {
    static func describe(_ notice: FollowNotice, isVerbose: Bool) -> String? {
        switch notice {
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
