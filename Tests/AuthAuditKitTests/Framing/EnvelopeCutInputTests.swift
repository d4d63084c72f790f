import Testing

@testable import AuthAuditKit

/// An input cut at any byte must keep the messages before the cut and report a cut inside a JSON object or
/// a quoted CSV field.
@Suite struct EnvelopeCutInputTests {
    typealias F = EnvelopeFixtures
    typealias Case = EnvelopeSplitTests.Case

    @Test(arguments: EnvelopeSplitTests.smallCases)
    func cutAtEveryByte(_ fixture: Case) {
        let unitEnds = Self.unitEnds(of: fixture)
        for cut in 0...fixture.bytes.count {
            let result = F.decode(Array(fixture.bytes[..<cut]), as: fixture.kind)

            let complete = unitEnds.filter { $0 <= cut }.count
            #expect(result.texts.count >= complete, "cut at \(cut): messages before the cut are lost")
            #expect(result.texts.count <= fixture.expected.count, "cut at \(cut)")
            for (index, text) in result.texts.enumerated() where index < fixture.expected.count {
                let isLastOfLineShape = index == result.texts.count - 1 && Self.isLineShape(fixture.kind)
                if isLastOfLineShape {
                    #expect(fixture.expected[index].starts(with: text), "cut at \(cut): message \(index)")
                } else {
                    #expect(text == fixture.expected[index], "cut at \(cut): message \(index)")
                }
            }
            if let isCutReported = Self.mustReportCut(fixture, at: cut) {
                #expect(!result.diagnostics.isEmpty == isCutReported, "cut at \(cut): \(result.diagnostics)")
            }
        }
    }

    static func isLineShape(_ kind: EnvelopeKind) -> Bool {
        kind == .exportLines || kind == .tailText || kind == .insightsCSV
    }

    /// The offset just after the record or object that contains each expected message.
    static func unitEnds(of fixture: Case) -> [Int] {
        let bytes = fixture.bytes
        switch fixture.kind {
        case .exportLines, .tailText, .insightsCSV:
            let newlines = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
            return fixture.kind == .insightsCSV ? Array(newlines.dropFirst()) : newlines
        default:
            // Each message is followed, after its string or object, by the `}` that closes its log event.
            var searchStart = 0
            return fixture.expected.map { message in
                // A message is either a JSON string or, in Insights results, the object itself.
                let encoded = Array(F.jsonString(message).utf8)
                let messageEnd: Int
                if let start = Self.find(encoded, in: bytes, from: searchStart) {
                    messageEnd = start + encoded.count
                } else {
                    messageEnd = Self.find(message, in: bytes, from: searchStart)! + message.count
                }
                let close = bytes[messageEnd...].firstIndex(of: UInt8(ascii: "}"))!
                searchStart = close + 1
                return close + 1
            }
        }
    }

    /// Whether the decoder must report a cut at `cut` (true), must report nothing (false), or may do either
    /// (nil): in the line shapes a cut inside a message looks the same as a last line without a newline.
    static func mustReportCut(_ fixture: Case, at cut: Int) -> Bool? {
        let prefix = fixture.bytes[..<cut]
        switch fixture.kind {
        case .exportLines, .tailText:
            return nil
        case .insightsCSV:
            // A cut inside a quoted field must be reported, and a cut at a record boundary must not. Elsewhere
            // the cut record reads as a short record, which may be reported or not.
            if prefix.filter({ $0 == UInt8(ascii: "\"") }).count % 2 == 1 {
                return true
            }
            return cut == 0 || fixture.bytes[cut - 1] == UInt8(ascii: "\n") ? false : nil
        case .subscriptionEnvelopes:
            // The envelopes are joined without separators, so a cut is clean only between two of them.
            var boundaries: Set<Int> = [0]
            var end = 0
            for object in F.firehoseObjects(fixture.expected, perEnvelope: 1) {
                end += object.utf8.count
                boundaries.insert(end)
            }
            return !boundaries.contains(cut)
        default:
            let documentEnd = fixture.bytes.lastIndex { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "}") }! + 1
            return cut != 0 && cut < documentEnd
        }
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !pattern.isEmpty, start <= bytes.count - pattern.count else { return nil }
        return (start...(bytes.count - pattern.count)).first {
            bytes[$0..<($0 + pattern.count)].elementsEqual(pattern)
        }
    }

    @Test func envelopeCutBetweenItsEvents() {
        let envelope = Array(F.dataMessage(F.shortLines).utf8)
        let eventStart = Array(#"{"id""#.utf8)
        let secondEvent = Self.find(eventStart, in: envelope, from: Self.find(eventStart, in: envelope, from: 0)! + 1)!
        let cut = Array(envelope[..<(secondEvent + 10)])
        let result = F.decode(cut, as: .subscriptionEnvelopes)
        #expect(result.texts == [F.shortLines[0]])
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(
            result.diagnostics.first?.problem
                == .invalidDocument(reason: "object 1 is cut off before its end; later objects are read"))
    }

    @Test func cutEnvelopeFollowedByAnother() {
        // A cut gzip member in the middle of a Firehose object leaves an envelope without its end.
        let first = Array(F.dataMessage(F.shortLines).utf8)
        let second = Array(F.dataMessage(Array(F.auditLines[..<2])).utf8)
        let bytes = Array(first[..<(first.count - 40)]) + second
        let result = F.decode(bytes, as: .subscriptionEnvelopes)
        #expect(result.texts == [F.shortLines[0]] + Array(F.auditLines[..<2]))
        #expect(result.diagnostics.count == 1)
        #expect(result.messages.last?.origin.objectIndex == 2)
        #expect(result.messages.last?.origin.offset == first.count - 40)
    }
}
