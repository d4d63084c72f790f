import Foundation
import Glibc
import Testing

/// `authaudit tail` skipping lines it cannot read: each gets a `FILE:LINE: error:` diagnostic on standard
/// error and a row in the diagnostics table, and the exit status becomes 1.
@Suite struct TailDiagnosticsEndToEndTests {
    private static func lines(_ numbers: ClosedRange<Int>) -> String {
        numbers.map { String(decoding: AuditEventLine(auditID: AuditEventLine.auditID($0)).data, as: UTF8.self) }
            .joined()
    }

    @Test func malformedLinesNamedByLine() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        try sandbox.write(Data(Self.lines(1...3).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs")])
        #expect(tail.waitForOutput(count: 3))

        let writer = try LogWriter(path: log)
        try writer.write("{\"auditID\": broken\nnot json at all\n" + Self.lines(4...4))
        #expect(tail.waitForOutput(count: 4))
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains("\(log):5: error:") })
        #expect(tail.stop() == 1)

        let errors = tail.standardError
        #expect(errors.contains("\(log):4: error: invalid JSON at column"))
        #expect(errors.contains("\(log):5: error: invalid JSON at column 2"))
        #expect(errors.contains("(2 skipped)"))
        let rows = try sandbox.queryRows("SELECT source, line, severity FROM diagnostics ORDER BY line")
        #expect(rows.count == 2)
        #expect(rows.map { $0["source"] as? String } == [log, log])
        #expect(rows.map { $0["line"] as? Int64 } == [4, 5])
        #expect(rows.map { $0["severity"] as? String } == ["error", "error"])
    }

    @Test func cleanRunExitsZero() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write(Data(Self.lines(1...2).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs")])
        #expect(tail.waitForOutput(count: 2))
        #expect(tail.stop(with: SIGINT) == 0)
        #expect(!tail.standardError.contains("error:"))
    }

    @Test func resumedFileNamedByOffset() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        let content = Self.lines(1...2)
        try sandbox.write(Data(content.utf8), to: "logs/audit.log")
        let first = try TailProcess(sandbox, [sandbox.path("logs")])
        #expect(first.waitForOutput(count: 2))
        #expect(first.stop() == 0)

        // The restart resumes at the checkpoint and does not know how many lines came before it.
        try LogWriter(path: log).write("not json at all\n")
        let second = try TailProcess(sandbox, [sandbox.path("logs")])
        #expect(Deadline.wait(seconds: 15) { second.standardError.contains("error:") })
        #expect(second.stop() == 1)
        #expect(second.standardError.contains("\(log):@\(content.utf8.count): error: not an audit event"))
        let rows = try sandbox.queryRows("SELECT source, line, byte_offset FROM diagnostics")
        #expect(rows.count == 1)
        #expect(rows.first?["source"] as? String == log)
        #expect(rows.first?["line"] is NSNull)
        #expect(rows.first?["byte_offset"] as? Int64 == Int64(content.utf8.count))
    }

    @Test func standardInputLinesNumbered() throws {
        let sandbox = try EndToEndSandbox()
        let tail = try TailProcess(sandbox, ["-"])
        try tail.writeInput(Data((Self.lines(1...1) + "\n{\"auditID\": broken\n" + Self.lines(2...2)).utf8))
        try tail.closeInput()
        #expect(tail.waitForExit() == 1)
        #expect(tail.standardError.contains("<stdin>:3: error: invalid JSON at column"))
        #expect(tail.printedAuditIDs == [1, 2].map(AuditEventLine.auditID))
        let lines = try sandbox.queryRows("SELECT source, line FROM diagnostics")
        #expect(lines.count == 1)
        #expect(lines.first?["source"] as? String == "<stdin>")
        #expect(lines.first?["line"] as? Int64 == 3)
    }
}
