import Foundation

@testable import AuthAuditKit

/// Builds every CloudWatch Logs shape from the plain sample logs (`samples/audit`, `samples/authenticator.log`),
/// as CloudWatch and the AWS CLI lay them out.
struct ShapeFixtureBuilder {
    static let logGroup = "/aws/eks/demo/cluster"
    static let auditStream = "kube-apiserver-audit-0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    static let authenticatorStream = "authenticator-0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    /// 2018-06-25T07:10:00Z, near the samples' own times.
    static let firstMilliseconds: Int64 = 1_529_910_600_000

    let auditLines: [String]
    let authenticatorLines: [String]

    init() throws {
        let samples = Fixtures.repositoryRoot.appendingPathComponent("samples")
        let backup = samples.appendingPathComponent("audit/audit-2018-06-25T07-07-03.518.log.gz")
        let rotated = String(decoding: try GzipTool.decompressedPrefix(ofFile: backup.path), as: UTF8.self)
        let live = try String(contentsOf: samples.appendingPathComponent("audit/audit.log"), encoding: .utf8)
        auditLines = (rotated + live).split(separator: "\n").map(String.init)
        let authenticator = try String(contentsOf: samples.appendingPathComponent("authenticator.log"), encoding: .utf8)
        authenticatorLines = authenticator.split(separator: "\n").map(String.init)
    }

    /// The plain inputs the shapes are compared with.
    static var plainInputs: [String] {
        let samples = Fixtures.repositoryRoot.appendingPathComponent("samples")
        return [samples.appendingPathComponent("audit").path, samples.appendingPathComponent("authenticator.log").path]
    }

    /// Every log event with its stream, audit events first.
    var events: [(stream: String, message: String, milliseconds: Int64)] {
        let audit = auditLines.map { (Self.auditStream, $0) }
        let authenticator = authenticatorLines.map { (Self.authenticatorStream, $0) }
        return (audit + authenticator).enumerated().map { index, event in
            (event.0, event.1, Self.firstMilliseconds + Int64(index) * 1_000)
        }
    }

    // MARK: - Shapes

    /// A `CreateExportTask` destination: `<prefix>/<task id>/<stream>/00000N.gz` with
    /// `<ISO time> <message>` lines, not in time order, and the `aws-logs-write-test` object the
    /// task writes at its start.
    func writeExportFolder(in root: URL) throws {
        let task = root.appendingPathComponent("0b6c4f3e-1d2a-4c5b-8e9f-0a1b2c3d4e5f")
        let streams = [(Self.auditStream, auditLines), (Self.authenticatorStream, authenticatorLines)]
        for (stream, lines) in streams {
            let folder = task.appendingPathComponent(stream)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let stamped = lines.enumerated().map { index, line in
                Self.isoTime(Self.firstMilliseconds + Int64(index) * 1_000, zone: "Z") + " " + line
            }
            // Each object contains half of the stream, newest lines first.
            let half = (stamped.count + 1) / 2
            let parts = [Array(stamped[..<half].reversed()), Array(stamped[half...].reversed())]
            for (index, part) in parts.enumerated() {
                let text = part.joined(separator: "\n") + "\n"
                let name = String(format: "%06d.gz", index)
                try GzipTool.compress(Data(text.utf8)).write(to: folder.appendingPathComponent(name))
            }
        }
        // The apiserver's own log, exported beside the audit stream, contains klog lines that are
        // neither audit events nor authenticator lines.
        let apiserver = task.appendingPathComponent("kube-apiserver-0a1b2c3d4e5f60718293a4b5c6d7e8f9")
        try FileManager.default.createDirectory(at: apiserver, withIntermediateDirectories: true)
        let klog = "2018-06-25T07:10:00.000Z I0625 07:10:00.000000      10 controller.go:606] quota admission added evaluator\n"
        try GzipTool.compress(Data(klog.utf8)).write(to: apiserver.appendingPathComponent("000000.gz"))
        try Data("Permission Check Successful".utf8).write(to: root.appendingPathComponent("aws-logs-write-test"))
    }

    /// A subscription delivery as Firehose writes it to S3: a `CONTROL_MESSAGE`, then `DATA_MESSAGE`
    /// envelopes of `perEnvelope` events, each its own gzip member, joined without separators.
    func firehoseObject(perEnvelope: Int = 5) throws -> Data {
        var object = try GzipTool.compress(Data(Self.controlMessage.utf8))
        for stream in [Self.auditStream, Self.authenticatorStream] {
            let streamEvents = events.filter { $0.stream == stream }
            for start in stride(from: 0, to: streamEvents.count, by: perEnvelope) {
                let batch = streamEvents[start..<min(start + perEnvelope, streamEvents.count)]
                let logEvents = batch.map { event in
                    #"{"id":"\#(event.milliseconds)","timestamp":\#(event.milliseconds),"message":"#
                        + Self.jsonString(event.message) + "}"
                }
                let envelope = #"{"messageType":"DATA_MESSAGE","owner":"111122223333","logGroup":"#
                    + Self.jsonString(Self.logGroup) + #","logStream":"# + Self.jsonString(stream)
                    + #","subscriptionFilters":["authaudit"],"logEvents":["# + logEvents.joined(separator: ",") + "]}"
                object += try GzipTool.compress(Data(envelope.utf8))
            }
        }
        return object
    }

    static let controlMessage = #"{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","#
        + #""logStream":"","subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1529910600000,"#
        + #""message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}"#

    /// `aws logs filter-log-events` output, pretty-printed as the CLI writes it, in two pages.
    func filterLogEventsPages() -> String {
        let all = events
        let half = all.count / 2
        return [all[..<half], all[half...]].map { page in
            let items = page.map { event in
                """
                        {
                            "logStreamName": \(Self.jsonString(event.stream)),
                            "timestamp": \(event.milliseconds),
                            "message": \(Self.jsonString(event.message)),
                            "ingestionTime": \(event.milliseconds + 250),
                            "eventId": "\(event.milliseconds)0000000000000000000000000000000000000000"
                        }
                """
            }
            return "{\n    \"events\": [\n" + items.joined(separator: ",\n") + "\n    ],\n"
                + "    \"searchedLogStreams\": [],\n    \"nextToken\": \"Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCr\"\n}\n"
        }.joined()
    }

    /// `aws logs get-log-events` output for one stream, which names no stream per event.
    func getLogEvents(stream: String) -> String {
        let items = events.filter { $0.stream == stream }.map { event in
            """
                    {
                        "timestamp": \(event.milliseconds),
                        "message": \(Self.jsonString(event.message)),
                        "ingestionTime": \(event.milliseconds + 250)
                    }
            """
        }
        return "{\n    \"events\": [\n" + items.joined(separator: ",\n") + "\n    ],\n"
            + "    \"nextForwardToken\": \"f/38002183948839120123\",\n"
            + "    \"nextBackwardToken\": \"b/38002183948839120000\"\n}\n"
    }

    /// `aws logs tail` text: `<time with +00:00> <stream> <message>`.
    func tailText() -> String {
        events.map { Self.isoTime($0.milliseconds, zone: "+00:00", fractionDigits: 6) + " \($0.stream) \($0.message)" }
            .joined(separator: "\n") + "\n"
    }

    /// Logs Insights results exported as JSON, with the message as a string.
    func insightsJSON() -> String {
        let rows = events.map { event in
            #"{"@timestamp":"# + Self.jsonString(Self.insightsTime(event.milliseconds))
                + #","@logStream":"# + Self.jsonString(event.stream)
                + #","@log":"# + Self.jsonString("111122223333:" + Self.logGroup)
                + #","@message":"# + Self.jsonString(event.message) + "}"
        }
        return "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    /// Logs Insights results exported as CSV with only `@timestamp,@message`, times without a zone.
    func insightsCSV() -> String {
        let rows = events.map { event in
            Self.insightsTime(event.milliseconds) + "," + Self.csvField(event.message)
        }
        return "@timestamp,@message\r\n" + rows.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Encoding

    static func jsonString(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case _ where scalar.value < 0x20: output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    static func csvField(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func isoTime(_ milliseconds: Int64, zone: String, fractionDigits: Int = 3) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let fraction = String(format: "%03d", Int(milliseconds % 1_000)) + String(repeating: "0", count: fractionDigits - 3)
        return formatter.string(from: date) + "." + fraction + zone
    }

    /// `2018-06-25 07:10:00.000`: UTC without a zone designator, as Logs Insights writes it.
    static func insightsTime(_ milliseconds: Int64) -> String {
        isoTime(milliseconds, zone: "").replacingOccurrences(of: "T", with: " ")
    }
}
