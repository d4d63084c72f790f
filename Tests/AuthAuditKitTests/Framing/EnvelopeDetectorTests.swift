import Testing

@testable import AuthAuditKit

@Suite struct EnvelopeDetectorTests {
    typealias F = EnvelopeFixtures

    static func detect(_ bytes: [UInt8]) -> EnvelopeKind? {
        bytes.withUnsafeBytes { EnvelopeDetector.detect(prefix: $0) }
    }

    @Test func everyShape() {
        let lines = F.shortLines
        #expect(Self.detect(F.exportText(lines)) == .exportLines)
        #expect(Self.detect(Array(F.firehoseObjects(lines).joined().utf8)) == .subscriptionEnvelopes)
        #expect(Self.detect(Array(F.eventsPage(lines).utf8)) == .logEventsPages)
        #expect(Self.detect(F.tailText(lines)) == .tailText)
        #expect(Self.detect(Array(F.insightsJSON(lines, parsedObjects: true).utf8)) == .insightsJSON)
        #expect(Self.detect(Array(F.insightsCSV(lines).utf8)) == .insightsCSV)
    }

    @Test func prefixCutInsideFirstObject() {
        let page = Array(F.eventsPage(F.auditLines).utf8)
        #expect(Self.detect(Array(page.prefix(40))) == .logEventsPages)
        #expect(Self.detect(Array(Array(F.dataMessage(F.auditLines).utf8).prefix(30))) == .subscriptionEnvelopes)
    }

    @Test(arguments: [
        "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\"}\n",
        "{\"kind\":\"EventList\",\"items\":[]}",
        "time=\"2018-06-25T07:05:24Z\" level=info msg=\"STS response\"\n",
        "{\"level\":\"info\",\"msg\":\"access granted\"}\n",
        "I0323 15:09:30.969664      11 alloc.go:327] allocated\n",
        "[]",
        "[{\"kind\":\"Event\"}]",
        "2024-05-01T10:00:00.000Z\n",
        "2024-05-01 10:00:00 message\n",
        "name,mail\nalice,a@example.com\n",
        "",
    ])
    func notAnEnvelope(text: String) {
        #expect(Self.detect(Array(text.utf8)) == nil)
    }

    @Test func byteOrderMarkAndWhitespace() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("\n  {\"messageType\":\"DATA_MESSAGE\"}".utf8)
        #expect(Self.detect(bytes) == .subscriptionEnvelopes)
    }
}
