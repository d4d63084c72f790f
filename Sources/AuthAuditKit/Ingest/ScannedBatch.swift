/// A batch of audit log lines with every line already scanned, on whichever thread of the pipeline
/// was free (see `PreparingQueue`).
///
/// The views' `line` pointers point into the scanning thread's access to `batch.bytes`, which has
/// ended: they must not be read until `forEach` rebases each view onto the line again. That is why
/// the type is `@unchecked Sendable`: nothing reads through a stale pointer.
struct ScannedBatch: @unchecked Sendable {
    struct Event {
        var lineIndex: Int
        var view: AuditEventView
        /// The audit ID's stored form, encoded here so that the writer thread does not do it.
        var auditID: EncodedAuditID?
    }

    /// Where an event sits, passed with each event to `forEach`.
    struct EventPosition {
        /// The line's number in the stream.
        var lineNumber: Int
        /// The event's stored audit ID, when it is a UUID.
        var auditID: EncodedAuditID?
        /// The event object's bytes within `batch.bytes` (a whole line, or one event of a list).
        var range: Range<Int>
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
                    events.append(Event(lineIndex: index, view: view, auditID: EncodedAuditID(view)))
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
        event: (AuditEventView, EventPosition) throws -> Void,
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
                let eventRange = item.view.eventRange.map { (line.start + $0.start)..<(line.start + $0.end) }
                let position = EventPosition(
                    lineNumber: line.number, auditID: item.auditID,
                    range: eventRange ?? line.start..<(line.start + line.length))
                try event(item.view.rebased(onto: bytes), position)
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
