import Testing

@testable import AuthAuditKit

/// Bad input gives one diagnostic with its line, and decoding goes on with the next envelope, object or line.
@Suite struct EnvelopeProblemTests {
    typealias F = EnvelopeFixtures

    static func decode(_ text: String, as kind: EnvelopeKind) -> F.Result {
        F.decode(Array(text.utf8), as: kind)
    }

    @Test func unknownMessageTypeIsSkipped() {
        let bad = F.dataMessage([F.shortLines[0]]).replacingOccurrences(of: "DATA_MESSAGE", with: "DATA")
        let result = Self.decode(bad + "\n" + F.dataMessage([F.shortLines[1]]), as: .subscriptionEnvelopes)
        #expect(result.texts == [F.shortLines[1]])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.line == 1)
        #expect(
            result.diagnostics.first?.problem
                == .invalidDocument(reason: "envelope 1 has \"DATA\"; expected DATA_MESSAGE or CONTROL_MESSAGE"))
    }

    @Test func invalidJSONInsideEnvelope() {
        let bad = F.dataMessage(F.shortLines).replacingOccurrences(of: #""timestamp":"#, with: #""timestamp"="#)
        let text = F.controlMessage + "\n" + bad + "\n" + F.dataMessage(F.shortLines)
        let result = Self.decode(text, as: .subscriptionEnvelopes)
        #expect(result.texts == F.shortLines)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.line == 2)
        #expect(result.diagnostics.first?.severity == .error)
        guard case .invalidJSON(let column, let message) = result.diagnostics.first?.problem else {
            Issue.record("expected invalidJSON, got \(result.diagnostics)")
            return
        }
        #expect(column > 1)
        #expect(message == "expected ':' after a member name in object 2")
    }

    @Test func bytesBetweenEnvelopes() {
        let text = F.dataMessage([F.shortLines[0]]) + "\nnot json\n" + F.dataMessage([F.shortLines[1]])
        let result = Self.decode(text, as: .subscriptionEnvelopes)
        #expect(result.texts == F.shortLines)
        #expect(result.diagnostics.map(\.line) == [2])
    }

    @Test func mismatchedBracketSkipsToNextEnvelope() {
        let text = #"{"messageType":"DATA_MESSAGE","logEvents":[}"# + "\n" + F.dataMessage([F.shortLines[1]])
        let result = Self.decode(text, as: .subscriptionEnvelopes)
        #expect(result.texts == [F.shortLines[1]])
        let expected = InputProblem.invalidJSON(column: 1, message: "'}' does not close the open bracket")
        #expect(result.diagnostics.map(\.problem) == [expected])
    }

    @Test func eventWithoutMessage() {
        let text = #"{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","timestamp":1},{"message":"x"}]}"#
        let result = Self.decode(text, as: .subscriptionEnvelopes)
        #expect(result.texts == [Array("x".utf8)])
        let expected = InputProblem.invalidDocument(reason: "log event 1 of object 1 has no message")
        #expect(result.diagnostics.map(\.problem) == [expected])
    }

    @Test func insightsElementNotAnObject() {
        let text = #"[{"@message":"a"}, "b", 3, {"@message":"c"}]"#
        let result = Self.decode(text, as: .insightsJSON)
        #expect(result.texts == [Array("a".utf8), Array("c".utf8)])
        #expect(
            result.diagnostics.map(\.problem) == [
                .invalidDocument(reason: "element 2 is not a JSON object"),
                .invalidDocument(reason: "element 3 is not a JSON object"),
            ])
        #expect(result.messages.last?.origin.objectIndex == 4)
    }

    @Test func pageEventWithBadSyntaxIsSkipped() {
        let text = #"{"events":[{"message":"a"},{"message":"b" "timestamp":1},{"message":"c"}],"nextToken":"t"}"#
        let result = Self.decode(text, as: .logEventsPages)
        #expect(result.texts == [Array("a".utf8), Array("c".utf8)])
        let expected = InputProblem.invalidJSON(column: 16, message: "expected ',' or '}' in object 2")
        #expect(result.diagnostics.map(\.problem) == [expected])
    }

    @Test func exportLineWithoutTimestampFirst() {
        let text = "no timestamp here\n2024-05-01T10:00:00.000Z kept\n"
        let result = Self.decode(text, as: .exportLines)
        #expect(result.texts == [Array("kept".utf8)])
        #expect(result.diagnostics.map(\.line) == [1])
    }

    @Test func exportMessageOverSeveralLines() {
        let text = "2024-05-01T10:00:00.000Z first\n  continued\n2024-05-01T10:00:01.000Z second\n"
        let result = Self.decode(text, as: .exportLines)
        #expect(result.texts == [Array("first\n  continued".utf8), Array("second".utf8)])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func exportLineTooLong() {
        let long = "2024-05-01T10:00:00.000Z " + String(repeating: "x", count: 100)
        let text = long + "\n2024-05-01T10:00:01.000Z short\n"
        let decoder = EnvelopeDecoder(kind: .exportLines, source: "fixture", maximumLineLength: 64)
        var messages = decoder.decode(Array(text.utf8))
        messages += decoder.finish()
        #expect(messages.map(\.message) == [Array("short".utf8)])
        #expect(decoder.takeDiagnostics().map(\.problem) == [.lineTooLong(length: long.utf8.count, maximum: 64)])
    }

    @Test func tailLineWithoutStreamName() {
        let text = "2024-05-01T10:00:00+00:00 onlyonetoken\n2024-05-01T10:00:01+00:00 stream message\n"
        let result = Self.decode(text, as: .tailText)
        #expect(result.texts == [Array("message".utf8)])
        #expect(result.diagnostics.map(\.line) == [1])
    }

    @Test func csvWithoutMessageColumn() {
        let result = Self.decode("@timestamp,@logStream\n2021-08-11 09:29:13.095,s\n", as: .insightsCSV)
        #expect(result.texts.isEmpty)
        let expected = InputProblem.invalidDocument(reason: "the CSV header names no @message column")
        #expect(result.diagnostics.map(\.problem) == [expected])
    }

    @Test func csvShortRecord() {
        let result = Self.decode("@logStream,@message\nonly-stream\ns,kept\n", as: .insightsCSV)
        #expect(result.texts == [Array("kept".utf8)])
        #expect(result.diagnostics.map(\.line) == [2])
    }

    @Test func finishTwiceAddsNothing() {
        let decoder = EnvelopeDecoder(kind: .exportLines, source: "fixture")
        let messages = decoder.decode(Array("2024-05-01T10:00:00.000Z last".utf8))
        #expect(messages.isEmpty)
        #expect(decoder.finish().count == 1)
        #expect(decoder.finish().isEmpty)
    }
}
