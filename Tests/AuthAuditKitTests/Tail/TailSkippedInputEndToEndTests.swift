import Foundation
import Glibc
import Testing

/// `authaudit tail` accounting for every line it reads: a line longer than `--max-line-bytes`, gzip damage,
/// an unreadable path, a failed read and the unfinished last line of standard input are stored, or
/// reported and counted like malformed lines.
@Suite struct TailSkippedInputEndToEndTests {
    private static let maximum = 2000

    private static func lines(_ numbers: ClosedRange<Int>) -> String {
        numbers.map { String(decoding: AuditEventLine(auditID: AuditEventLine.auditID($0)).data, as: UTF8.self) }
            .joined()
    }

    /// A line of `maximum + 1000` bytes and its newline.
    private static let tooLongLine = String(repeating: "x", count: maximum + 1000) + "\n"

    private static let tooLongDiagnostic =
        "warning: line of \(maximum + 1000) bytes is longer than the maximum of \(maximum) bytes and was skipped"

    @Test func tooLongFileLineCounted() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        let content = Self.lines(1...1) + Self.tooLongLine + "not json at all\n" + Self.lines(2...2)
        try sandbox.write(Data(content.utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs"), "--max-line-bytes", "\(Self.maximum)"])
        #expect(tail.waitForOutput(count: 2))
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains("\(log):3: error:") })
        #expect(tail.stop() == 1)

        let errors = tail.standardError
        #expect(errors.contains("\(log):2: \(Self.tooLongDiagnostic)"))
        #expect(errors.contains("stopped after 4 lines (2 skipped)"))
        let rows = try sandbox.queryRows("SELECT source, line, severity FROM diagnostics ORDER BY line")
        #expect(rows.map { $0["line"] as? Int64 } == [2, 3])
        #expect(rows.map { $0["severity"] as? String } == ["warning", "error"])
        #expect(rows.map { $0["source"] as? String } == [log, log])
    }

    @Test func tooLongLastLineNotReadAgain() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        try sandbox.write(Data((Self.lines(1...1) + Self.tooLongLine).utf8), to: "logs/audit.log")
        let first = try TailProcess(sandbox, [sandbox.path("logs"), "--max-line-bytes", "\(Self.maximum)"])
        #expect(Deadline.wait(seconds: 15) { first.standardError.contains("\(log):2: warning:") })
        #expect(first.stop() == 1)

        // The checkpoint moved past the skipped line, so the restart reads only the new line.
        try LogWriter(path: log).write(Self.lines(2...2))
        let second = try TailProcess(sandbox, [sandbox.path("logs"), "--max-line-bytes", "\(Self.maximum)"])
        #expect(second.waitForOutput(count: 1))
        #expect(second.stop() == 0)
        #expect(!second.standardError.contains("warning:"))
        #expect(second.printedAuditIDs == [AuditEventLine.auditID(2)])
        #expect(try sandbox.queryInteger("SELECT count(*) FROM diagnostics") == 1)
    }

    @Test func tooLongStandardInputLineNumbered() throws {
        let sandbox = try EndToEndSandbox()
        let tail = try TailProcess(sandbox, ["-", "--max-line-bytes", "\(Self.maximum)"])
        let input = Self.lines(1...1) + Self.tooLongLine + "{\"auditID\": broken\n" + Self.lines(2...2)
        try tail.writeInput(Data(input.utf8))
        try tail.closeInput()
        #expect(tail.waitForExit() == 1)

        let errors = tail.standardError
        #expect(errors.contains("<stdin>:2: \(Self.tooLongDiagnostic)"))
        #expect(errors.contains("<stdin>:3: error: invalid JSON at column"))
        #expect(errors.contains("stopped after 4 lines (2 skipped)"))
        #expect(tail.printedAuditIDs == [1, 2].map(AuditEventLine.auditID))
        let rows = try sandbox.queryRows("SELECT source, line FROM diagnostics ORDER BY line")
        #expect(rows.map { $0["line"] as? Int64 } == [2, 3])
        #expect(rows.map { $0["source"] as? String } == ["<stdin>", "<stdin>"])
    }

    @Test func tooLongLastStandardInputLine() throws {
        let sandbox = try EndToEndSandbox()
        let tail = try TailProcess(sandbox, ["-", "--max-line-bytes", "\(Self.maximum)"])
        // The last line has no newline: the end of input ends it.
        try tail.writeInput(Data((Self.lines(1...1) + Self.tooLongLine.dropLast()).utf8))
        try tail.closeInput()
        #expect(tail.waitForExit() == 1)
        #expect(tail.standardError.contains("<stdin>:2: \(Self.tooLongDiagnostic)"))
        #expect(tail.standardError.contains("stopped after 2 lines (1 skipped)"))
    }

    @Test func standardInputPartialLineStoredAtStop() throws {
        let sandbox = try EndToEndSandbox()
        let tail = try TailProcess(sandbox, ["-"])
        try tail.writeInput(Data(Self.lines(1...1).utf8))
        #expect(tail.waitForOutput(count: 1))

        // Standard input stays open, and its last line lacks the newline when the stop signal arrives.
        try tail.writeInput(Data(Self.lines(2...2).dropLast().utf8))
        #expect(tail.stop() == 0)
        #expect(tail.printedAuditIDs == [1, 2].map(AuditEventLine.auditID))
        #expect(tail.standardError.contains("stopped after 2 lines (0 skipped)"))
        #expect(try sandbox.queryInteger("SELECT count(*) FROM requests") == 2)
    }

    @Test func standardInputBrokenLineReportedAtStop() throws {
        let sandbox = try EndToEndSandbox()
        let tail = try TailProcess(sandbox, ["-"])
        try tail.writeInput(Data(Self.lines(1...1).utf8))
        #expect(tail.waitForOutput(count: 1))

        try tail.writeInput(Data(Self.lines(2...2).prefix(40).utf8))
        #expect(tail.stop() == 1)
        #expect(tail.standardError.contains("<stdin>:2: error: invalid JSON"))
        #expect(tail.standardError.contains("stopped after 2 lines (1 skipped)"))
    }

    @Test func unreadableStandardInputReported() throws {
        let sandbox = try EndToEndSandbox()
        let folder = sandbox.path("folder")
        #expect(mkdir(folder, 0o755) == 0)
        // A shell redirect from a folder opens it, and read(2) then fails with EISDIR.
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "AUTHAUDIT_DB")
        let output = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", "exec \"$0\" tail --db \"$1\" - < \"$2\"", BinaryRunner.executable.path,
                sandbox.databasePath, folder],
            environment: environment)
        let errors = String(decoding: output.standardError, as: UTF8.self)
        #expect(output.status == 1)
        #expect(errors.contains("<stdin>: error: cannot read the file: \(String(cString: strerror(EISDIR)))"))
        #expect(errors.contains("(1 skipped)"))
        let rows = try sandbox.queryRows("SELECT source, severity FROM diagnostics")
        #expect(rows.map { $0["source"] as? String } == ["<stdin>"])
    }

    @Test func unreadablePathCounted() throws {
        let sandbox = try EndToEndSandbox()
        let loop = sandbox.path("loop")
        // stat(2) of a symbolic link to itself fails with ELOOP.
        #expect(symlink(loop, loop) == 0)
        let tail = try TailProcess(sandbox, [loop])
        let expected = "\(loop): error: cannot read the file: \(String(cString: strerror(ELOOP)))"
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains(expected) })
        #expect(tail.stop() == 1)
        #expect(tail.standardError.contains("(1 skipped)"))
        let rows = try sandbox.queryRows("SELECT source, severity FROM diagnostics")
        #expect(rows.map { $0["source"] as? String } == [loop])
        #expect(rows.map { $0["severity"] as? String } == ["error"])
    }

    @Test func damagedGzipCounted() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write(Data(Self.lines(1...1).utf8), to: "logs/audit.log")
        var compressed = try GzipTool.compress(Data(Self.lines(2...3).utf8))
        // The CRC-32 in the gzip trailer no longer matches the content.
        compressed[compressed.count - 8] ^= 0xFF
        let damaged = sandbox.path("logs/audit-2018-06-25T07-10-00.000.log.gz")
        try compressed.write(to: URL(fileURLWithPath: damaged))

        let tail = try TailProcess(sandbox, [sandbox.path("logs")])
        #expect(tail.waitForOutput(count: 3))
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains("\(damaged): error: gzip data is corrupt") })
        #expect(tail.stop() == 1)
        #expect(tail.standardError.contains("(1 skipped)"))
        let rows = try sandbox.queryRows("SELECT source, severity FROM diagnostics")
        #expect(rows.map { $0["source"] as? String } == [damaged])
        #expect(rows.map { $0["severity"] as? String } == ["error"])
    }

    @Test func missingMappingInputFails() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write(Data(Self.lines(1...2).utf8), to: "logs/audit.log")
        let missing = sandbox.path("nope.yaml")
        let tail = try TailProcess(sandbox, ["--mapping", missing, sandbox.path("logs")])
        #expect(tail.waitForOutput(count: 2))
        #expect(tail.stop() == 1)
        #expect(tail.standardError.contains("some inputs could not be read"))
    }
}
