import Foundation
import Testing

/// gzip input, standard input and rotated sets, read by the built binary. The gzip data comes from
/// `/usr/bin/gzip`.
@Suite struct CompressedInputEndToEndTests {
    static let storedIDsSQL = "select audit_id_text(audit_id) from requests order by 1"

    @Test func twoGzipMembersAreBothRead() throws {
        let sandbox = try EndToEndSandbox()
        let first = AuditEventLine(auditID: AuditEventLine.auditID(1))
        let second = AuditEventLine(auditID: AuditEventLine.auditID(2))
        let data = try GzipTool.compress(first.data) + GzipTool.compress(second.data)
        try sandbox.write(data, to: "two-members.log.gz")

        let result = try sandbox.run(["ingest", "two-members.log.gz"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try sandbox.queryTexts(Self.storedIDsSQL) == [first.auditID, second.auditID])
    }

    /// Lines with random hexadecimal text, so that deflate emits output early and a cut in the middle
    /// of the compressed file leaves many complete lines before it.
    static func incompressibleLog(lines: Int) -> Data {
        var generator = SplitMix64(seed: 0x5EED)
        var data = Data()
        for number in 1...lines {
            var event = AuditEventLine(auditID: AuditEventLine.auditID(number))
            event.userAgentSuffix = " " + (0..<4).map { _ in String(generator.next(), radix: 16) }.joined()
            data += event.data
        }
        return data
    }

    @Test func truncatedGzipKeepsRecordsBeforeCut() throws {
        let sandbox = try EndToEndSandbox()
        let compressed = try GzipTool.compress(Self.incompressibleLog(lines: 600))
        let cut = compressed.count * 2 / 3
        let path = try sandbox.write(compressed.prefix(cut), to: "cut.log.gz")
        let decompressedPrefix = try GzipTool.decompressedPrefix(ofFile: path)
        let completeLines = decompressedPrefix.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        try #require(completeLines > 0, "gzip -dc recovered no complete line from the cut file")

        let result = try sandbox.run(["ingest", "cut.log.gz"])

        #expect(result.status == 1)
        let truncation = result.errorLines.first { $0.hasPrefix("cut.log.gz: ") }
        #expect(truncation?.contains("compressed byte \(cut)") == true, "stderr: \(result.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == completeLines)
    }

    /// The gzip error explains the line errors before it, so the cap on printed diagnostics
    /// does not hide it.
    @Test func corruptChecksumIsShownPastTheCap() throws {
        let sandbox = try EndToEndSandbox()
        let badLines = Data(String(repeating: "{not json\n", count: 30).utf8)
        var compressed = try GzipTool.compress(badLines + AuditEventLine(auditID: AuditEventLine.auditID(1)).data)
        // The trailer ends with the CRC-32 and then the length, four bytes each.
        compressed[compressed.count - 8] ^= 0xFF

        try sandbox.write(compressed, to: "crc.log.gz")

        let result = try sandbox.run(["ingest", "crc.log.gz"])

        #expect(result.status == 1)
        #expect(result.errorLines.filter { $0.hasPrefix("crc.log.gz:") && $0.contains("invalid JSON") }.count == 20)
        #expect(result.errorLines.contains { $0.contains("more diagnostics not shown") })
        #expect(
            result.errorLines.contains { $0.hasPrefix("crc.log.gz: error: gzip data is corrupt") },
            "stderr: \(result.standardError)")
    }

    @Test func gzipOnStandardInputIsRead() throws {
        let sandbox = try EndToEndSandbox()
        let events = (1...3).map { AuditEventLine(auditID: AuditEventLine.auditID($0)) }
        let compressed = try GzipTool.compress(events.map(\.data).reduce(Data(), +))

        let result = try sandbox.run(["ingest", "-"], standardInput: compressed)

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try sandbox.queryTexts(Self.storedIDsSQL) == events.map(\.auditID))
    }

    @Test func standardInputDiagnosticsNameIt() throws {
        let sandbox = try EndToEndSandbox()
        let event = AuditEventLine(auditID: AuditEventLine.auditID(1))

        let result = try sandbox.run(["ingest", "-"], standardInput: event.data + Data("{oops\n".utf8))

        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("<stdin>:2: error: "), "stderr: \(result.standardError)")
    }

    /// kube-apiserver's lumberjack rotation can put a request's `RequestReceived` event at the end of
    /// a backup and its `ResponseComplete` event at the start of the new live file.
    @Test func requestSplitAcrossRotationIsMerged() throws {
        let sandbox = try EndToEndSandbox()
        let finished = AuditEventLine(auditID: AuditEventLine.auditID(1))
        var received = AuditEventLine(auditID: AuditEventLine.auditID(2))
        received.stage = "RequestReceived"
        received.code = nil
        received.receivedAt = "2024-05-01T08:00:02.400000Z"
        received.stageAt = "2024-05-01T08:00:02.400000Z"
        var completed = received
        completed.stage = "ResponseComplete"
        completed.code = 403
        completed.stageAt = "2024-05-01T08:00:02.600000Z"
        let backup = try GzipTool.compress(finished.data + received.data)
        try sandbox.write(backup, to: "logs/audit-2024-05-01T08-00-02.500.log.gz")
        try sandbox.write(completed.data, to: "logs/audit.log")

        let result = try sandbox.run(["ingest", "logs"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == 2)
        let codeSQL = "select code from requests where audit_id_text(audit_id) = '\(received.auditID)'"
        #expect(try sandbox.queryInteger(codeSQL) == 403)
    }
}

/// SplitMix64, a small seeded generator, so that generated data is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
