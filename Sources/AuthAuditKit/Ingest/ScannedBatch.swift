/// A batch of audit log lines with every line already scanned, handed from the reader thread to
/// the writer.
///
/// Scanning on the reader thread leaves the writer thread only the SQLite work, which balances the
/// two cores. The views' `line` pointers point into the reader thread's access to `batch.bytes`,
/// which has ended: they must not be read until `forEachEvent` rebases each view onto the line
/// again. That is why the type is `@unchecked Sendable`: nothing reads through a stale pointer.
struct ScannedBatch: @unchecked Sendable {
    struct Event {
        var lineIndex: Int
        var view: AuditEventView
    }

    struct Failure {
        var lineIndex: Int
        var problem: InputProblem
    }

    let batch: LineBatch
    private(set) var events: [Event] = []
    private(set) var failures: [Failure] = []
    /// Lines that hold nothing but whitespace.
    private(set) var blankLines = 0

    /// Scans every line of `batch`.
    init(scanning batch: LineBatch) {
        self.batch = batch
        var events: [Event] = []
        var failures: [Failure] = []
        var blankLines = 0
        events.reserveCapacity(batch.lines.count)
        var index = 0
        batch.forEachLine { line, _ in
            defer { index += 1 }
            if Self.isBlank(line) {
                blankLines += 1
                return
            }
            do {
                try AuditEventScanner.scan(line: line) { view in
                    events.append(Event(lineIndex: index, view: view))
                }
            } catch let error as AuditEventScanError {
                failures.append(Failure(lineIndex: index, problem: error.inputProblem))
            } catch {
                preconditionFailure("AuditEventScanner throws only AuditEventScanError, not \(error)")
            }
        }
        self.events = events
        self.failures = failures
        self.blankLines = blankLines
    }

    /// Calls `event` for each scanned event and `failure` for each line that did not scan, in line
    /// order, with the line's number in the stream.
    func forEach(
        event: (AuditEventView, _ lineNumber: Int) throws -> Void,
        failure: (InputProblem, _ lineNumber: Int) throws -> Void
    ) throws {
        try batch.bytes.withUnsafeBytes { storage in
            var nextFailure = 0
            for item in events {
                while nextFailure < failures.count, failures[nextFailure].lineIndex < item.lineIndex {
                    try failure(failures[nextFailure].problem, batch.lines[failures[nextFailure].lineIndex].number)
                    nextFailure += 1
                }
                let line = batch.lines[item.lineIndex]
                let bytes = UnsafeRawBufferPointer(rebasing: storage[line.start..<(line.start + line.length)])
                try event(item.view.rebased(onto: bytes), line.number)
            }
            while nextFailure < failures.count {
                try failure(failures[nextFailure].problem, batch.lines[failures[nextFailure].lineIndex].number)
                nextFailure += 1
            }
        }
    }

    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D {
            return false
        }
        return true
    }
}
