/// Recognition of CloudWatch Logs envelopes from the first bytes of a decompressed input.
public enum EnvelopeDetector {
    /// Returns the envelope shape of an input, or nil when its start matches none (plain audit or
    /// authenticator lines, or anything else).
    ///
    /// - A top-level object whose first member is `messageType` is a subscription envelope, one whose first
    ///   member is `events` a log-events page (the AWS CLI writes both members first).
    /// - A top-level array whose first object's first member starts with `@` contains Logs Insights results.
    /// - A first line that starts with a timestamp and a space is an export line when the time ends in `Z`,
    ///   and `aws logs tail` output when it ends in a numeric offset (`+00:00`).
    /// - A first line that is a CSV header with a `@message` field is a Logs Insights CSV export.
    public static func detect(prefix: UnsafeRawBufferPointer) -> EnvelopeKind? {
        var reader = EnvelopeJSONReader(bytes: prefix)
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) {
            reader = EnvelopeJSONReader(bytes: UnsafeRawBufferPointer(rebasing: prefix[3...]))
        }
        reader.skipWhitespace()
        let rest = UnsafeRawBufferPointer(rebasing: reader.bytes[reader.position...])

        switch reader.peek {
        case UInt8(ascii: "{"):
            switch firstMemberName(in: rest) {
            case "messageType": return .subscriptionEnvelopes
            case "events": return .logEventsPages
            default: return nil
            }
        case UInt8(ascii: "["):
            var elements = EnvelopeJSONReader(bytes: UnsafeRawBufferPointer(rebasing: rest[1...]))
            elements.skipWhitespace()
            let first = UnsafeRawBufferPointer(rebasing: elements.bytes[elements.position...])
            guard elements.peek == UInt8(ascii: "{"), let name = firstMemberName(in: first), name.hasPrefix("@") else {
                return nil
            }
            return .insightsJSON
        default:
            let firstLine = Array(rest.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") })
            return timestampedLineKind(firstLine) ?? (isInsightsCSVHeader(firstLine) ? .insightsCSV : nil)
        }
    }

    /// Reads the name of the first member of the object that `bytes` starts with.
    private static func firstMemberName(in bytes: UnsafeRawBufferPointer) -> String? {
        var reader = EnvelopeJSONReader(bytes: UnsafeRawBufferPointer(rebasing: bytes[1...]))
        reader.skipWhitespace()
        guard let name = try? reader.readString() else { return nil }
        return reader.decodeString(name)
    }

    // NOTE: `aws logs tail --format short` output (`<time> <message>`, no stream name, no zone) is not
    // recognised.
    private static func timestampedLineKind(_ line: [UInt8]) -> EnvelopeKind? {
        guard let first = line.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"),
            let space = line.firstIndex(of: UInt8(ascii: " ")), space + 1 < line.count
        else { return nil }
        let time = line[..<space]
        let parsed = time.withUnsafeBytes { TimestampParser.parse($0) }
        guard parsed != nil else { return nil }
        if time.last == UInt8(ascii: "Z") {
            return .exportLines
        }
        let hasOffset = time.count > 6 && (time[space - 6] == UInt8(ascii: "+") || time[space - 6] == UInt8(ascii: "-"))
        return hasOffset ? .tailText : nil
    }

    private static func isInsightsCSVHeader(_ line: [UInt8]) -> Bool {
        var records: [CSVRecordSplitter.Record] = []
        var splitter = CSVRecordSplitter()
        line.withUnsafeBytes { splitter.consume($0, into: &records) }
        splitter.finish(into: &records)
        guard let header = records.first else { return false }
        return header.fields.contains { $0.elementsEqual("@message".utf8) }
    }
}
