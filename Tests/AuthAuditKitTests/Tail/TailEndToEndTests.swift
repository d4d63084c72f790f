import Foundation
import Glibc
import Testing

/// `authaudit tail` as a child process over real files: appends, rotation, compression, truncation,
/// partial lines and restarts. After each, the store must hold every request written exactly once and
/// the output must show each of them once.
@Suite struct TailEndToEndTests {
    private static func lines(_ numbers: ClosedRange<Int>, code: Int = 200) -> String {
        numbers.map { number in
            var line = AuditEventLine(auditID: AuditEventLine.auditID(number))
            line.code = code
            return String(decoding: line.data, as: UTF8.self)
        }.joined()
    }

    private static func ids(_ numbers: ClosedRange<Int>) -> [String] {
        numbers.map(AuditEventLine.auditID)
    }

    /// Checks that the store contains exactly `expected` requests and that `printed` shows each once.
    private static func expectExactly(
        _ expected: [String], printed: [String], in sandbox: EndToEndSandbox, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let stored = try sandbox.queryTexts("SELECT audit_id_text(audit_id) FROM requests").compactMap { $0 }
        // Counts rather than whole lists, so a failure of a long burst stays readable.
        #expect(stored.count == expected.count, sourceLocation: sourceLocation)
        #expect(Set(stored) == Set(expected), sourceLocation: sourceLocation)
        #expect(printed.count == expected.count, sourceLocation: sourceLocation)
        #expect(Set(expected).subtracting(printed).count == 0, "not printed", sourceLocation: sourceLocation)
    }

    @Test func appendedLinesReadAsTheyArrive() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        try sandbox.write(Data(Self.lines(1...2).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs")])
        #expect(tail.waitForOutput(count: 2))

        let writer = try LogWriter(path: log)
        try writer.write(Self.lines(3...3))
        #expect(tail.waitForOutput(count: 3))
        try writer.write(Self.lines(4...5))
        #expect(tail.waitForOutput(count: 5))
        try sandbox.write(Data(Self.lines(6...6).utf8), to: "logs/other.log")
        #expect(tail.waitForOutput(count: 6))

        #expect(tail.stop() == 0)
        try Self.expectExactly(Self.ids(1...6), printed: tail.printedAuditIDs, in: sandbox)
    }

    @Test func renameRotationKeepsLateWrites() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        let rotated = sandbox.path("logs/audit-2024-05-01T08-00-00.000.log")
        try sandbox.write(Data(), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs")])
        let writer = try LogWriter(path: log)
        try writer.write(Self.lines(1...2))
        #expect(tail.waitForOutput(count: 2))

        #expect(rename(log, rotated) == 0)
        let newWriter = try LogWriter(path: log)
        try newWriter.write(Self.lines(3...3))
        try writer.write(Self.lines(4...4))  // late write to the renamed file
        #expect(tail.waitForOutput(count: 4))

        #expect(tail.stop() == 0)
        try Self.expectExactly(Self.ids(1...4), printed: tail.printedAuditIDs, in: sandbox)
    }

    @Test func compressedRotatedCopyNotReadAgain() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        let rotated = sandbox.path("logs/audit-2024-05-01T08-00-00.000.log")
        try sandbox.write(Data(Self.lines(1...3).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs")])
        #expect(tail.waitForOutput(count: 3))

        #expect(rename(log, rotated) == 0)
        try sandbox.write(Data(Self.lines(4...4).utf8), to: "logs/audit.log")
        #expect(tail.waitForOutput(count: 4))
        let gzip = try ChildProcess.run(GzipTool.executable, arguments: [rotated])
        #expect(gzip.status == 0)
        let writer = try LogWriter(path: log)
        try writer.write(Self.lines(5...5))
        #expect(tail.waitForOutput(count: 5))
        #expect(tail.stop() == 0)

        // A restart finds the .gz copy for the first time and must recognise it from the checkpoint.
        let restarted = try TailProcess(sandbox, [sandbox.path("logs")])
        try writer.write(Self.lines(6...6))
        #expect(restarted.waitForOutput(count: 1))
        #expect(restarted.stop() == 0)

        try Self.expectExactly(
            Self.ids(1...6), printed: tail.printedAuditIDs + restarted.printedAuditIDs, in: sandbox)
        let storedRows = try sandbox.queryInteger("SELECT count(*) FROM requests")
        #expect(storedRows == 6)
    }

    @Test func copytruncateWithZeroHole() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        try sandbox.write(Data(), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs")])
        // The writer keeps its own offset, as a process that did not open the file with O_APPEND.
        let writer = try LogWriter(path: log, append: false)
        try writer.write(Self.lines(1...3))
        #expect(tail.waitForOutput(count: 3))

        let copy = try Data(contentsOf: URL(fileURLWithPath: log))
        try copy.write(to: URL(fileURLWithPath: sandbox.path("logs/audit.log.1")))
        #expect(truncate(log, 0) == 0)
        try writer.write(Self.lines(4...4))  // lands after a hole of zero bytes
        #expect(tail.waitForOutput(count: 4))

        #expect(tail.stop() == 0)
        try Self.expectExactly(Self.ids(1...4), printed: tail.printedAuditIDs, in: sandbox)
    }

    @Test func partialLineHeldUntilComplete() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        try sandbox.write(Data(), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [log])
        let writer = try LogWriter(path: log)
        let second = Self.lines(2...2)
        let cut = second.index(second.startIndex, offsetBy: second.count / 2)
        try writer.write(Self.lines(1...1) + second[..<cut])
        #expect(tail.waitForOutput(count: 1))
        // Line 1 and the first half of line 2 arrived in one write, so the half was seen and held.
        #expect(tail.printedAuditIDs == Self.ids(1...1))

        try writer.write(String(second[cut...]))
        #expect(tail.waitForOutput(count: 2))
        #expect(tail.stop() == 0)
        try Self.expectExactly(Self.ids(1...2), printed: tail.printedAuditIDs, in: sandbox)
    }

    @Test func killDuringBurstResumesExactly() throws {
        let sandbox = try EndToEndSandbox()
        let log = sandbox.path("logs/audit.log")
        try sandbox.write(Data(), to: "logs/audit.log")
        let first = try TailProcess(sandbox, [sandbox.path("logs")])
        let writer = try LogWriter(path: log)
        let total = 3000
        for start in stride(from: 1, through: total, by: 100) {
            try writer.write(Self.lines(start...(start + 99)))
            if start == 1001 {
                #expect(first.waitForOutput(count: 200))
                #expect(first.stop(with: SIGKILL) == nil)
            }
        }

        let second = try TailProcess(sandbox, [sandbox.path("logs")])
        let printedBefore = first.printedAuditIDs.count
        #expect(second.waitForOutput(count: total - printedBefore))
        #expect(second.stop() == 0)
        let printed = first.printedAuditIDs + second.printedAuditIDs
        try Self.expectExactly(Self.ids(1...total), printed: printed, in: sandbox)
    }

    /// A backlog of several MiB is read in polls of at most 1 MiB, and several polls share one transaction;
    /// the checkpoints of every poll must be committed, so a restart after kill -9 prints only new lines.
    @Test func backlogOverSeveralPollsResumesExactly() throws {
        let sandbox = try EndToEndSandbox()
        let total = 8000
        let firstHalf = Self.lines(1...(total / 2))
        let secondHalf = Self.lines((total / 2 + 1)...total)
        // More than one poll's 1 MiB in each file, so the transaction spans polls and files.
        #expect(firstHalf.utf8.count > 1024 * 1024)
        #expect(secondHalf.utf8.count > 1024 * 1024)
        try sandbox.write(Data(firstHalf.utf8), to: "logs/audit.log")
        try sandbox.write(Data(secondHalf.utf8), to: "logs/other.log")
        let first = try TailProcess(sandbox, [sandbox.path("logs")])
        #expect(first.waitForOutput(count: total))
        #expect(first.stop(with: SIGKILL) == nil)

        let second = try TailProcess(sandbox, [sandbox.path("logs")])
        let writer = try LogWriter(path: sandbox.path("logs/audit.log"))
        try writer.write(Self.lines((total + 1)...(total + 10)))
        #expect(second.waitForOutput(count: 10))
        #expect(second.stop() == 0)
        #expect(second.printedAuditIDs == Self.ids((total + 1)...(total + 10)))
        try Self.expectExactly(
            Self.ids(1...(total + 10)), printed: first.printedAuditIDs + second.printedAuditIDs, in: sandbox)
    }

    @Test func standardInputWithCloudWatchTailText() throws {
        let sandbox = try EndToEndSandbox()
        let tail = try TailProcess(sandbox, ["-"])
        try tail.writeInput(Data(Self.lines(1...1).utf8))
        #expect(tail.waitForOutput(count: 1))
        let event = String(decoding: AuditEventLine(auditID: AuditEventLine.auditID(2)).data, as: UTF8.self)
        let framed = "2024-05-01T08:00:00.250000+00:00 kube-apiserver-audit-0123456789abcdef " + event
        try tail.writeInput(Data(framed.utf8))
        try tail.closeInput()
        // The first line decided the kind of standard input, so the framed line is not an audit event: it
        // is skipped, which makes the exit status 1.
        #expect(tail.waitForExit() == 1)
        #expect(tail.standardError.contains("<stdin>:2: error: not an audit event"))
        let stored = try sandbox.queryInteger("SELECT count(*) FROM requests")
        #expect(stored == 1)

        let cloudWatch = try TailProcess(sandbox, ["-"])
        try cloudWatch.writeInput(Data(framed.utf8))
        #expect(cloudWatch.waitForOutput(count: 1))
        try cloudWatch.closeInput()
        #expect(cloudWatch.waitForExit() == 0)
        try Self.expectExactly(
            Self.ids(1...2), printed: tail.printedAuditIDs + cloudWatch.printedAuditIDs, in: sandbox)
    }

    @Test func forbiddenFilterPrintsFailuresOnly() throws {
        let sandbox = try EndToEndSandbox()
        let content = Self.lines(1...2) + Self.lines(3...3, code: 403) + Self.lines(4...4, code: 401)
        try sandbox.write(Data(content.utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [sandbox.path("logs"), "--forbidden"])
        #expect(tail.waitForOutput(count: 2))
        #expect(tail.stop() == 0)
        #expect(tail.printedAuditIDs == Self.ids(3...4))
        let decisions = tail.printedObjects.compactMap { $0["decision"] as? String }
        #expect(decisions == ["forbidden", "unauthenticated"])
        let stored = try sandbox.queryInteger("SELECT count(*) FROM requests")
        #expect(stored == 4)
    }
}
