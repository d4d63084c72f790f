/// The input one poll skipped: lines longer than the maximum and problems of whole inputs, such as gzip
/// damage, a path that cannot be read or a failed read of standard input. `TailSession` stores each as a diagnostic in the poll's
/// transaction and counts it as skipped.
struct TailSkippedInput {
    /// In the order the follower read them.
    private(set) var tooLongLines: [TooLongLine] = []
    private(set) var inputDiagnostics: [Diagnostic] = []

    var isEmpty: Bool {
        tooLongLines.isEmpty && inputDiagnostics.isEmpty
    }

    mutating func add(_ diagnostic: Diagnostic) {
        inputDiagnostics.append(diagnostic)
    }

    /// Keeps the notices of skipped input and returns the others.
    mutating func take(_ notices: [FollowNotice]) -> [FollowNotice] {
        var others: [FollowNotice] = []
        for notice in notices {
            switch notice {
            case .lineTooLong(let line):
                tooLongLines.append(line)
            case .gzipProblem(_, let diagnostic):
                inputDiagnostics.append(diagnostic)
            case .unreadable(let path, let code):
                inputDiagnostics.append(Diagnostic(severity: .error, source: path, problem: .unreadable(errno: code)))
            default:
                others.append(notice)
            }
        }
        return others
    }

    /// Removes and returns the too-long lines of the file `key` that end at or before `offset`, so that their
    /// diagnostics come in line order with those of the lines read around them.
    mutating func removeLines(of key: FileKey, endingBy offset: Int64) -> [TooLongLine] {
        var removed: [TooLongLine] = []
        tooLongLines.removeAll { line in
            guard line.fileIdentity.key == key && line.endOffset <= offset else {
                return false
            }
            removed.append(line)
            return true
        }
        return removed
    }
}
