import Foundation

@testable import AuthAuditKit

/// Builds each CloudWatch envelope shape around plain log lines, and decodes inputs the way an ingest would.
enum EnvelopeFixtures {
    static let logGroup = "/aws/eks/demo-cluster/cluster"
    static let auditStream = "kube-apiserver-audit-4e9f9d6f9d15381d05d77c5df3f7d329"
    static let authenticatorStream = "authenticator-1111222272c52cc05e3177863bdcc12d"

    /// The lines of `samples/audit/audit.log`: audit events with `\u0026` escapes in them.
    static let auditLines: [[UInt8]] = lines(ofSample: "samples/audit/audit.log")
    /// The lines of `samples/authenticator.log`: logrus text lines with quoted values.
    static let authenticatorLines: [[UInt8]] = lines(ofSample: "samples/authenticator.log")

    /// Two short lines of each kind, for tests that decode once per byte of the input.
    static let shortLines: [[UInt8]] = [
        Array(#"{"kind":"Event","auditID":"a1","verb":"get","requestURI":"/api?x=1\u0026y=2"}"#.utf8),
        Array(#"time="2023-03-23T15:00:41Z" level=info msg="access granted" username="a b""#.utf8),
    ]

    static func lines(ofSample relativePath: String) -> [[UInt8]] {
        let url = Fixtures.repositoryRoot.appendingPathComponent(relativePath)
        let bytes = Array((try? Data(contentsOf: url)) ?? Data())
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map(Array.init)
    }

    // MARK: - JSON text

    /// Encodes bytes as a JSON string literal, quotes included, escaping as Go's encoder does.
    static func jsonString(_ bytes: [UInt8]) -> String {
        var output = "\""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// Milliseconds of the n-th test event, out of time order on purpose.
    static func milliseconds(_ index: Int) -> Int64 {
        1_529_910_423_000 + Int64((index * 7_919) % 100) * 1_000 + Int64(index)
    }

    // MARK: - Shapes

    static func dataMessage(_ messages: [[UInt8]], stream: String = auditStream, firstIndex: Int = 0) -> String {
        let events = messages.enumerated().map { offset, message in
            let index = firstIndex + offset
            return #"{"id":"3195310660696698337880902507980421114328961542429822156\#(index)","#
                + #""timestamp":\#(milliseconds(index)),"message":\#(jsonString(message))}"#
        }
        return #"{"messageType":"DATA_MESSAGE","owner":"111122223333","logGroup":"\#(logGroup)","#
            + #""logStream":"\#(stream)","subscriptionFilters":["eks-to-firehose"],"#
            + #""logEvents":[\#(events.joined(separator: ","))]}"#
    }

    static let controlMessage =
        #"{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","#
        + #""subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1529910423000,"#
        + #""message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}"#

    /// Envelopes of at most `perEnvelope` messages each, joined with `}{` as Firehose writes them after
    /// decompression, with a control message first.
    static func firehoseObjects(_ messages: [[UInt8]], perEnvelope: Int = 4) -> [String] {
        var objects = [controlMessage]
        var start = 0
        while start < messages.count {
            let end = min(start + perEnvelope, messages.count)
            objects.append(dataMessage(Array(messages[start..<end]), firstIndex: start))
            start = end
        }
        return objects
    }

    /// `aws logs filter-log-events` output, pretty-printed as the CLI prints it by default.
    static func eventsPage(_ messages: [[UInt8]], stream: String = auditStream, firstIndex: Int = 0) -> String {
        let events = messages.enumerated().map { offset, message in
            let index = firstIndex + offset
            return """
                        {
                            "logStreamName": "\(stream)",
                            "timestamp": \(milliseconds(index)),
                            "message": \(jsonString(message)),
                            "ingestionTime": \(milliseconds(index) + 1200),
                            "eventId": "3764431049486848716209226\(index)"
                        }
                """
        }
        return """
            {
                "events": [
            \(events.joined(separator: ",\n"))
                ],
                "searchedLogStreams": [
                    {
                        "logStreamName": "\(stream)",
                        "searchedCompletely": true
                    }
                ],
                "nextToken": "Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7fXLrRtjS"
            }

            """
    }

    static func exportText(_ messages: [[UInt8]]) -> [UInt8] {
        var output: [UInt8] = []
        for (index, message) in messages.enumerated() {
            output += Array("\(isoTime(milliseconds(index), zone: "Z")) ".utf8) + message + [UInt8(ascii: "\n")]
        }
        return output
    }

    static func tailText(_ messages: [[UInt8]], stream: String = authenticatorStream) -> [UInt8] {
        var output: [UInt8] = []
        for (index, message) in messages.enumerated() {
            output += Array("\(isoTime(milliseconds(index), zone: "+00:00", fractionDigits: 6)) \(stream) ".utf8)
            output += message + [UInt8(ascii: "\n")]
        }
        return output
    }

    /// Builds a Logs Insights JSON export. Messages that are JSON objects are embedded as objects when
    /// `parsedObjects` is true, as the console does for parsed messages.
    static func insightsJSON(_ messages: [[UInt8]], stream: String = auditStream, parsedObjects: Bool) -> String {
        let results = messages.enumerated().map { index, message in
            let value = parsedObjects && message.first == UInt8(ascii: "{")
                ? String(decoding: message, as: UTF8.self) : jsonString(message)
            return #"{"@timestamp":"\#(insightsTime(milliseconds(index)))","@logStream":"\#(stream)","#
                + #""@log":"111122223333:\#(logGroup)","@message":\#(value)}"#
        }
        return "[\n" + results.joined(separator: ",\n") + "\n]"
    }

    static func insightsCSV(_ messages: [[UInt8]], stream: String = auditStream) -> String {
        var output = "@logStream,@timestamp,@message\r\n"
        for (index, message) in messages.enumerated() {
            let quoted = String(decoding: message, as: UTF8.self).replacingOccurrences(of: "\"", with: "\"\"")
            output += "\(stream),\(insightsTime(milliseconds(index))),\"\(quoted)\"\r\n"
        }
        return output
    }

    static func isoTime(_ milliseconds: Int64, zone: String, fractionDigits: Int = 3) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds / 1_000))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let fraction = String(format: "%03d", milliseconds % 1_000) + String(repeating: "0", count: fractionDigits - 3)
        return formatter.string(from: date) + "." + fraction + zone
    }

    static func insightsTime(_ milliseconds: Int64) -> String {
        isoTime(milliseconds, zone: "").replacingOccurrences(of: "T", with: " ")
    }

    // MARK: - Decoding

    struct Result {
        var messages: [EnvelopeMessage]
        var diagnostics: [Diagnostic]

        var texts: [[UInt8]] { messages.map(\.message) }
    }

    /// Decodes `bytes` fed in chunks of `chunkSize` bytes.
    static func decode(_ bytes: [UInt8], as kind: EnvelopeKind, chunkSize: Int = 64 * 1024) -> Result {
        let decoder = EnvelopeDecoder(kind: kind, source: "fixture")
        var messages: [EnvelopeMessage] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            messages += decoder.decode(Array(bytes[start..<end]))
            start = end
        }
        messages += decoder.finish()
        return Result(messages: messages, diagnostics: decoder.takeDiagnostics())
    }

    /// Decodes `bytes` fed as two chunks split at `split`.
    static func decode(_ bytes: [UInt8], as kind: EnvelopeKind, splitAt split: Int) -> Result {
        let decoder = EnvelopeDecoder(kind: kind, source: "fixture")
        var messages = decoder.decode(Array(bytes[..<split]))
        messages += decoder.decode(Array(bytes[split...]))
        messages += decoder.finish()
        return Result(messages: messages, diagnostics: decoder.takeDiagnostics())
    }

    /// Decodes a file through the product's `DecompressedStream`, so gzip members are inflated by the input
    /// layer as in an ingest.
    static func decodeFile(_ path: String, as kind: EnvelopeKind, bufferSize: Int = 4096) throws -> Result {
        let stream = try DecompressedStream(path: path)
        let decoder = EnvelopeDecoder(kind: kind, source: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var messages: [EnvelopeMessage] = []
        while true {
            let count = stream.read(into: buffer)
            if count == 0 { break }
            messages += decoder.decode(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        messages += decoder.finish()
        return Result(messages: messages, diagnostics: stream.diagnostics + decoder.takeDiagnostics())
    }
}
