import Foundation
import Glibc
import Testing

/// `authaudit tail` given paths that do not exist yet or cannot be followed.
@Suite struct TailPathEndToEndTests {
    @Test func missingFolderWarnedThenFollowed() throws {
        let sandbox = try EndToEndSandbox()
        let missing = sandbox.path("later")
        let tail = try TailProcess(sandbox, [missing])
        let warning = "authaudit tail: \(missing) does not exist yet; waiting for it to appear"
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains(warning) })

        let line = AuditEventLine(auditID: AuditEventLine.auditID(1)).data
        try sandbox.write(line, to: "later/audit.log")
        #expect(tail.waitForOutput(count: 1))
        #expect(tail.stop() == 0)
        #expect(tail.printedAuditIDs == [AuditEventLine.auditID(1)])
    }

    @Test func fifoPathIsAnError() throws {
        let sandbox = try EndToEndSandbox()
        let fifo = sandbox.path("audit.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let tail = try TailProcess(sandbox, [fifo])
        let message = "\(fifo): error: not a regular file or folder, so it cannot be followed"
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains(message) })
        #expect(tail.stop() == 1)
        let stored = try sandbox.queryTexts("SELECT source FROM diagnostics WHERE severity = 'error'")
        #expect(stored == [fifo])
    }
}
