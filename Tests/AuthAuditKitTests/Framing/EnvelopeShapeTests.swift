import Foundation
import Testing

@testable import AuthAuditKit

/// Each envelope shape, built around the sample logs, must give back exactly the sample lines.
@Suite struct EnvelopeShapeTests {
    typealias F = EnvelopeFixtures

    @Test func samplesAreLoaded() {
        #expect(F.auditLines.count == 29)
        #expect(F.authenticatorLines.count == 19)
    }

    @Test func exportLinesOutOfOrder() {
        let result = F.decode(F.exportText(F.auditLines), as: .exportLines)
        #expect(result.texts == F.auditLines)
        #expect(result.diagnostics.isEmpty)
        let expectedTimes = F.auditLines.indices.map { Timestamp(microseconds: F.milliseconds($0) * 1_000) }
        #expect(result.messages.map(\.timestamp) == expectedTimes)
        #expect(result.messages.map(\.origin.line) == Array(1...F.auditLines.count))
        #expect(result.messages.allSatisfy { $0.logStream == nil })
    }

    @Test func gzipMembersOfJoinedEnvelopes() throws {
        let directory = try TemporaryDirectory()
        let lines = F.auditLines + F.authenticatorLines
        // One gzip member per Firehose record, as Firehose writes them without decompressing.
        var file: [UInt8] = []
        for object in F.firehoseObjects(lines) {
            file += try InputTestSupport.gzip(object)
        }
        let path = try InputTestSupport.write(file, named: "firehose-1-2024-05-01-10-00-00-uuid", in: directory)

        let result = try F.decodeFile(path, as: .subscriptionEnvelopes)

        #expect(result.texts == lines)
        #expect(result.diagnostics.isEmpty)
        #expect(result.messages.allSatisfy { $0.logGroup == F.logGroup })
        #expect(result.messages.allSatisfy { $0.logStream == F.auditStream })
        #expect(result.messages[5].timestamp == Timestamp(microseconds: F.milliseconds(5) * 1_000))
        #expect(result.messages[5].origin.objectIndex == 3)
        #expect(result.messages[5].origin.eventIndex == 1)
    }

    @Test func envelopesSeparatedByNewlines() {
        let text = F.firehoseObjects(F.authenticatorLines).joined(separator: "\n") + "\n"
        let result = F.decode(Array(text.utf8), as: .subscriptionEnvelopes)
        #expect(result.texts == F.authenticatorLines)
        #expect(result.diagnostics.isEmpty)
        #expect(result.messages[4].origin.line == 3)
    }

    @Test func controlMessageAlone() {
        let result = F.decode(Array(F.controlMessage.utf8), as: .subscriptionEnvelopes)
        #expect(result.messages.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func logEventsPages() {
        // Two pages written one after the other, as a loop over `--next-token` would.
        let text = F.eventsPage(Array(F.auditLines[..<10]))
            + F.eventsPage(Array(F.auditLines[10...]), firstIndex: 10)
        let result = F.decode(Array(text.utf8), as: .logEventsPages)
        #expect(result.texts == F.auditLines)
        #expect(result.diagnostics.isEmpty)
        #expect(result.messages.allSatisfy { $0.logStream == F.auditStream })
        #expect(result.messages[12].timestamp == Timestamp(microseconds: F.milliseconds(12) * 1_000))
        #expect(result.messages[12].origin.objectIndex == 13)
    }

    @Test func getLogEventsOutput() {
        let events = F.authenticatorLines.enumerated().map { index, line in
            #"{"timestamp":\#(F.milliseconds(index)),"message":\#(F.jsonString(line)),"ingestionTime":1}"#
        }
        let text = #"{"events":[\#(events.joined(separator: ","))],"nextForwardToken":"f/1","nextBackwardToken":"b/2"}"#
        let result = F.decode(Array(text.utf8), as: .logEventsPages)
        #expect(result.texts == F.authenticatorLines)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func tailText() {
        let result = F.decode(F.tailText(F.authenticatorLines), as: .tailText)
        #expect(result.texts == F.authenticatorLines)
        #expect(result.diagnostics.isEmpty)
        #expect(result.messages.allSatisfy { $0.logStream == F.authenticatorStream })
        #expect(result.messages[3].timestamp == Timestamp(microseconds: F.milliseconds(3) * 1_000))
    }

    @Test func tailPrettyPrintedMessage() {
        let text = "2024-05-01T10:00:00.123000+00:00 \(F.auditStream) {\n    \"kind\": \"Event\",\n"
            + "    \"auditID\": \"a1\"\n}\n2024-05-01T10:00:01+00:00 \(F.auditStream) second\n"
        let result = F.decode(Array(text.utf8), as: .tailText)
        #expect(result.texts.map { String(decoding: $0, as: UTF8.self) } == [
            "{\n    \"kind\": \"Event\",\n    \"auditID\": \"a1\"\n}", "second",
        ])
        #expect(result.diagnostics.isEmpty)
    }

    @Test(arguments: [false, true])
    func insightsJSON(parsedObjects: Bool) {
        let lines = F.auditLines + F.authenticatorLines
        let text = F.insightsJSON(lines, parsedObjects: parsedObjects)
        let result = F.decode(Array(text.utf8), as: .insightsJSON)
        #expect(result.texts == lines)
        #expect(result.diagnostics.isEmpty)
        #expect(result.messages.allSatisfy { $0.logGroup == F.logGroup })
        #expect(result.messages.allSatisfy { $0.logStream == F.auditStream })
        #expect(result.messages[2].timestamp == Timestamp(microseconds: F.milliseconds(2) * 1_000))
    }

    @Test func insightsJSONPrettyPrintedObject() {
        let text = """
            [
              {
                "@timestamp": "2021-08-11 09:29:13.095",
                "@message": {
                  "kind": "Event",
                  "auditID": "a b",
                  "user": { "groups": [ "x", "y" ] }
                }
              }
            ]
            """
        let result = F.decode(Array(text.utf8), as: .insightsJSON)
        #expect(result.texts == [Array(#"{"kind":"Event","auditID":"a b","user":{"groups":["x","y"]}}"#.utf8)])
        #expect(result.messages.first?.timestamp == TimestampParser.parse("2021-08-11T09:29:13.095Z"))
    }

    @Test func insightsCSV() {
        let lines = F.auditLines + F.authenticatorLines
        let result = F.decode(Array(F.insightsCSV(lines).utf8), as: .insightsCSV)
        #expect(result.texts == lines)
        #expect(result.diagnostics.isEmpty)
        #expect(result.messages.allSatisfy { $0.logStream == F.auditStream })
        #expect(result.messages[1].timestamp == Timestamp(microseconds: F.milliseconds(1) * 1_000))
        #expect(result.messages[1].origin.line == 3)
    }

    @Test func insightsCSVQuotedNewlineAndExtraColumn() {
        let text = "\u{FEFF}@timestamp,responseStatus.code,@message\n2021-08-11 09:29:13.095,403,\"a\nb \"\"c\"\"\"\n"
            + "2021-08-11 09:29:14.000,200,plain\n"
        let result = F.decode(Array(text.utf8), as: .insightsCSV)
        #expect(result.texts.map { String(decoding: $0, as: UTF8.self) } == ["a\nb \"c\"", "plain"])
        #expect(result.messages.map(\.origin.line) == [2, 4])
        #expect(result.diagnostics.isEmpty)
    }
}
