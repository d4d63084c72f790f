import Testing

@testable import AuthAuditKit

/// The streaming decoder must give the same messages however its input is split into chunks.
@Suite struct EnvelopeSplitTests {
    typealias F = EnvelopeFixtures

    /// One fixture per shape, with the messages it must yield.
    struct Case: CustomTestStringConvertible, Sendable {
        var kind: EnvelopeKind
        var bytes: [UInt8]
        var expected: [[UInt8]]
        var testDescription: String { "\(kind) (\(bytes.count) bytes)" }
    }

    static func cases(_ lines: [[UInt8]]) -> [Case] {
        [
            Case(kind: .exportLines, bytes: F.exportText(lines), expected: lines),
            Case(
                kind: .subscriptionEnvelopes, bytes: Array(F.firehoseObjects(lines, perEnvelope: 1).joined().utf8),
                expected: lines),
            Case(kind: .logEventsPages, bytes: Array(F.eventsPage(lines).utf8), expected: lines),
            Case(kind: .tailText, bytes: F.tailText(lines), expected: lines),
            Case(kind: .insightsJSON, bytes: Array(F.insightsJSON(lines, parsedObjects: false).utf8), expected: lines),
            Case(kind: .insightsJSON, bytes: Array(F.insightsJSON(lines, parsedObjects: true).utf8), expected: lines),
            Case(kind: .insightsCSV, bytes: Array(F.insightsCSV(lines).utf8), expected: lines),
        ]
    }

    static let smallCases = cases(F.shortLines)
    static let sampleCases = cases(Array(F.auditLines[..<6]) + Array(F.authenticatorLines[..<6]))

    @Test(arguments: smallCases)
    func everySplitPoint(_ fixture: Case) {
        for split in 0...fixture.bytes.count {
            let result = F.decode(fixture.bytes, as: fixture.kind, splitAt: split)
            #expect(result.texts == fixture.expected, "split at \(split)")
            #expect(result.diagnostics.isEmpty, "split at \(split)")
        }
    }

    @Test(arguments: smallCases)
    func everyChunkSize(_ fixture: Case) {
        for size in 1...fixture.bytes.count {
            let result = F.decode(fixture.bytes, as: fixture.kind, chunkSize: size)
            #expect(result.texts == fixture.expected, "chunks of \(size)")
            #expect(result.diagnostics.isEmpty, "chunks of \(size)")
        }
    }

    @Test(arguments: sampleCases)
    func sampleChunkSizes(_ fixture: Case) {
        let sizes = Array(1...17) + [64, 255, 256, 1_000, 4_096, fixture.bytes.count]
        for size in sizes {
            let result = F.decode(fixture.bytes, as: fixture.kind, chunkSize: size)
            #expect(result.texts == fixture.expected, "chunks of \(size)")
            #expect(result.diagnostics.isEmpty, "chunks of \(size)")
        }
    }
}
