import Foundation
import Testing

/// CloudWatch Logs deliveries built from the plain sample logs ingest to the same requests.
@Suite struct CloudWatchEndToEndTests {
    static let samples = Fixtures.repositoryRoot.appendingPathComponent("samples")

    private func auditLines() throws -> [String] {
        let backup = Self.samples.appendingPathComponent("audit/audit-2018-06-25T07-07-03.518.log.gz")
        let rotated = String(decoding: try GzipTool.decompressedPrefix(ofFile: backup.path), as: UTF8.self)
        let live = try String(contentsOf: Self.samples.appendingPathComponent("audit/audit.log"), encoding: .utf8)
        return (rotated + live).split(separator: "\n").map(String.init)
    }

    /// A subscription `DATA_MESSAGE` payload, with `messageType` first as CloudWatch Logs writes it.
    private func envelope(stream: String, messages: [String]) throws -> Data {
        var events: [String] = []
        for (index, message) in messages.enumerated() {
            let quoted = String(decoding: try JSONSerialization.data(withJSONObject: [message]), as: UTF8.self)
                .dropFirst().dropLast()
            events.append(#"{"id":"\#(index)","timestamp":\#(1_529_910_000_000 + index),"message":\#(quoted)}"#)
        }
        let text = #"{"messageType":"DATA_MESSAGE","owner":"111122223333","logGroup":"/aws/eks/demo/cluster","#
            + #""logStream":"\#(stream)","subscriptionFilters":["audit"],"logEvents":["#
            + events.joined(separator: ",") + "]}"
        return Data(text.utf8)
    }

    @Test func firehoseObjectMatchesPlainLogs() throws {
        let sandbox = try EndToEndSandbox()
        let lines = try auditLines()
        var data = Data()
        for start in stride(from: 0, to: lines.count, by: 7) {
            let chunk = Array(lines[start..<min(start + 7, lines.count)])
            data += try GzipTool.compress(try envelope(stream: "kube-apiserver-audit-0123456789abcdef", messages: chunk))
        }
        let authenticator = try String(contentsOf: Self.samples.appendingPathComponent("authenticator.log"), encoding: .utf8)
        data += try GzipTool.compress(
            try envelope(stream: "authenticator-0123456789abcdef", messages: authenticator.split(separator: "\n").map(String.init)))
        try data.write(to: URL(fileURLWithPath: sandbox.path("firehose-object")))

        let result = try sandbox.run(["ingest", sandbox.path("firehose-object")])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == 20)
        #expect(try sandbox.queryInteger("select count(*) from requests where code = 403") == 3)
        #expect(try sandbox.queryInteger("select count(*) from authenticator_events") == 19)
    }

    @Test func exportLinesMatchPlainLogs() throws {
        let sandbox = try EndToEndSandbox()
        let text = try auditLines().reversed().map { "2018-06-25T07:10:00.000Z " + $0 }.joined(separator: "\n") + "\n"
        let path = try sandbox.write(try GzipTool.compress(Data(text.utf8)), to: "000000.gz")

        let result = try sandbox.run(["ingest", path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == 20)
        #expect(try sandbox.queryInteger("select count(*) from requests where code = 403") == 3)
    }
}
