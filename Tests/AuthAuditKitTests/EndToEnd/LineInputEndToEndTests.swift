import Foundation
import Testing

/// Plain audit logs with awkward line framing or bad lines, read by the built binary.
///
/// Inputs are given as paths relative to the sandbox folder, so diagnostics name them as `FILE:LINE:`.
@Suite struct LineInputEndToEndTests {
    static func events(_ numbers: ClosedRange<Int>) -> [AuditEventLine] {
        numbers.map { AuditEventLine(auditID: AuditEventLine.auditID($0)) }
    }

    static let storedIDsSQL = "select audit_id_text(audit_id) from requests order by 1"

    @Test func lastLineWithoutNewlineIsStored() throws {
        let sandbox = try EndToEndSandbox()
        var data = Self.events(1...2).map(\.data).reduce(Data(), +)
        data.removeLast()
        try sandbox.write(data, to: "no-final-newline.log")

        let result = try sandbox.run(["ingest", "no-final-newline.log"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == 2)
    }

    @Test func crlfLinesAreStored() throws {
        let sandbox = try EndToEndSandbox()
        var data = Data()
        for event in Self.events(1...3) {
            data += event.data.dropLast() + Data("\r\n".utf8)
        }
        try sandbox.write(data, to: "crlf.log")

        let result = try sandbox.run(["ingest", "crlf.log"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardError.isEmpty)
        #expect(try sandbox.queryInteger("select count(*) from requests") == 3)
    }

    /// Go's encoding/json replaces each invalid UTF-8 sequence in a string with U+FFFD (documented on
    /// `json.Marshal`), and the store is expected to do the same with such bytes in its input.
    @Test func invalidUTF8InStringIsStoredReplaced() throws {
        let sandbox = try EndToEndSandbox()
        var event = AuditEventLine(auditID: AuditEventLine.auditID(1))
        event.username = Array("al".utf8) + [0xFF] + Array("ice".utf8)
        try sandbox.write(event.data, to: "invalid-utf8.log")

        let result = try sandbox.run(["ingest", "invalid-utf8.log"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == 1)
        #expect(try sandbox.queryTexts("select username from request_facts") == ["al\u{FFFD}ice"])
    }

    @Test func binaryJunkLineIsSkippedWithLineNumber() throws {
        let sandbox = try EndToEndSandbox()
        let events = Self.events(1...2)
        // Bytes that can start no JSON value, including NUL, ESC, a lone continuation byte and 0xFF.
        let junk = Data([0xF2, 0x00, 0x80, 0xFF, 0x1B, 0x7B, 0xC3, 0x28, 0x09, 0x0D, 0x0A])
        try sandbox.write(events[0].data + junk + events[1].data, to: "junk.log")

        let result = try sandbox.run(["ingest", "junk.log"])

        #expect(result.status == 1)
        #expect(result.errorLines.count == 1, "stderr: \(result.standardError)")
        #expect(result.standardError.hasPrefix("junk.log:2: error: "), "stderr: \(result.standardError)")
        #expect(try sandbox.queryTexts(Self.storedIDsSQL) == events.map(\.auditID))
    }

    @Test func lineAboveMaximumIsSkippedWithLineNumber() throws {
        let sandbox = try EndToEndSandbox()
        var events = Self.events(1...3)
        events[1].userAgentSuffix = String(repeating: "x", count: 1200)
        try sandbox.write(events.map(\.data).reduce(Data(), +), to: "long.log")

        let result = try sandbox.run(["ingest", "--max-line-bytes", "1KiB", "long.log"])

        #expect(result.status == 1)
        #expect(result.errorLines.count == 1, "stderr: \(result.standardError)")
        #expect(result.standardError.hasPrefix("long.log:2: "), "stderr: \(result.standardError)")
        #expect(result.standardError.contains("1024"), "stderr: \(result.standardError)")
        let expectedIDs = [events[0].auditID, events[2].auditID]
        #expect(try sandbox.queryTexts(Self.storedIDsSQL) == expectedIDs)
    }

    @Test func unknownFileIsSkippedAndOthersRead() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write(Data("Meeting notes\nNothing to see here.\n".utf8), to: "notes.txt")
        try sandbox.write(Self.events(1...1)[0].data, to: "audit.log")

        let result = try sandbox.run(["ingest", "notes.txt", "audit.log"])

        #expect(result.status == 1)
        #expect(result.errorLines.count == 1, "stderr: \(result.standardError)")
        #expect(result.standardError.hasPrefix("notes.txt: error: "), "stderr: \(result.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == 1)
    }

    @Test func missingFileIsReported() throws {
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.run(["ingest", "missing.log"])

        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("missing.log: error: no such file"), "stderr: \(result.standardError)")
    }

    /// `--strict` promises to stop at the first malformed record, so nothing after it may be stored.
    @Test func strictStopsAtFirstBadLine() throws {
        let sandbox = try EndToEndSandbox()
        let events = Self.events(1...2)
        try sandbox.write(events[0].data + Data("not json\n".utf8) + events[1].data, to: "bad.log")

        let result = try sandbox.run(["ingest", "--strict", "bad.log"])

        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("bad.log:2: error: "), "stderr: \(result.standardError)")
        let storedIDs = try sandbox.queryTexts(Self.storedIDsSQL)
        #expect(storedIDs == [events[0].auditID])
    }
}

/// `ingest --strict` stops at the first error and prints where it stopped.
@Suite struct StrictIngestEndToEndTests {
    @Test func stopsAtFirstErrorAndSaysWhere() throws {
        let sandbox = try EndToEndSandbox()
        var lines = AuditEventLine(auditID: AuditEventLine.auditID(1)).data + Data("{not json\n".utf8)
        for number in 2...1_000 {
            lines += AuditEventLine(auditID: AuditEventLine.auditID(number)).data
        }
        try sandbox.write(lines, to: "strict.log")
        try sandbox.write(AuditEventLine(auditID: AuditEventLine.auditID(5_000)).data, to: "later.log")

        let result = try sandbox.run(["ingest", "--strict", "strict.log", "later.log"])

        #expect(result.status == 1)
        let output = result.standardOutput + result.standardError
        #expect(output.contains("Read 1 input (2 lines)"), "output: \(output)")
        #expect(output.contains("Stopped at the first error (--strict), strict.log:2; nothing after it was read."))
        #expect(try sandbox.queryInteger("select count(*) from requests") == 1)
    }

    /// A held RequestReceived is found bad only when it is written, after later lines were read:
    /// the stop place is where reading had got to, and the diagnostic names the event's own line.
    @Test func heldEventFoundBadLaterStopsWhereReadingWas() throws {
        let sandbox = try EndToEndSandbox()
        var received = AuditEventLine(auditID: AuditEventLine.auditID(1))
        received.stage = "RequestReceived"
        received.code = nil
        var lines = Data(String(decoding: received.data, as: UTF8.self)
            .replacingOccurrences(of: #"{"username":"alice""#, with: #"{"username":7"#).utf8)
        for number in 2...101 {
            lines += AuditEventLine(auditID: AuditEventLine.auditID(number)).data
        }
        try sandbox.write(lines, to: "held.log")

        let result = try sandbox.run(["ingest", "--strict", "held.log"])

        #expect(result.status == 1)
        let output = result.standardOutput + result.standardError
        #expect(output.contains("held.log:1: error: not an audit event: user.username is not of type string"), "output: \(output)")
        #expect(output.contains("Read 1 input (101 lines)"))
        #expect(output.contains("Stopped at the first error (--strict), held.log:101; nothing after it was read."))
        #expect(try sandbox.queryInteger("select count(*) from requests") == 100)
    }
}
