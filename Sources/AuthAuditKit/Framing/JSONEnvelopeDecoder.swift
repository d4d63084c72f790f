/// Takes the messages out of the three JSON shapes: subscription envelopes, log-events pages and Logs
/// Insights arrays.
struct JSONEnvelopeDecoder {
    /// Every subscription envelope starts with this member; see `JSONValueSplitter`'s resynchronization.
    static let envelopeStart: [UInt8] = Array(#"{"messageType""#.utf8)

    let kind: EnvelopeKind
    private var splitter: JSONValueSplitter

    init(kind: EnvelopeKind) {
        self.kind = kind
        switch kind {
        case .logEventsPages:
            splitter = JSONValueSplitter(target: .memberArrayElements(key: Array("events".utf8)))
        case .insightsJSON:
            splitter = JSONValueSplitter(target: .topLevelArrayElements)
        default:
            splitter = JSONValueSplitter(target: .topLevelObjects, resynchronizationMarker: Self.envelopeStart)
        }
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, into sink: inout EnvelopeSink) {
        let kind = kind
        guard kind == .subscriptionEnvelopes else {
            splitter.consume(chunk) { event in Self.handle(event, kind: kind, into: &sink) }
            return
        }
        splitter.consume(chunk, { event in Self.handle(event, kind: kind, into: &sink) }) { bytes, location in
            let mark = sink.mark
            var reader = EnvelopeJSONReader(bytes: bytes)
            if SubscriptionEnvelope.decode(&reader, at: location, isCut: false, into: &sink),
                reader.position == bytes.count
            {
                return true
            }
            sink.rollBack(to: mark)
            return false
        }
    }

    mutating func finish(into sink: inout EnvelopeSink) {
        let kind = kind
        splitter.finish { event in Self.handle(event, kind: kind, into: &sink) }
    }

    private static func handle(_ event: JSONSplitEvent, kind: EnvelopeKind, into sink: inout EnvelopeSink) {
        switch event {
        case .object(let bytes, let location):
            decodeObject(bytes, at: location, isCut: false, kind: kind, into: &sink)
        case .cutObject(let bytes, let location):
            decodeObject(bytes, at: location, isCut: true, kind: kind, into: &sink)
        case .problem(let problem, let line):
            sink.report(problem, line: line)
        }
    }

    /// Decodes one object; for a cut object, keeps what was complete and reports no syntax error, because
    /// the cut was already reported.
    private static func decodeObject(
        _ bytes: UnsafeRawBufferPointer, at location: JSONObjectLocation, isCut: Bool, kind: EnvelopeKind,
        into sink: inout EnvelopeSink
    ) {
        var reader = EnvelopeJSONReader(bytes: bytes)
        if kind == .subscriptionEnvelopes {
            SubscriptionEnvelope.decode(&reader, at: location, isCut: isCut, into: &sink)
            return
        }
        let keys: LogEventKeys = kind == .insightsJSON ? .insights : .eventsPage
        let storedBytes = sink.batch.byteCount
        do throws(EnvelopeJSONReader.SyntaxError) {
            let fields = try reader.readLogEvent(keys, storingStringsIn: &sink.batch)
            guard let message = fields.message else {
                sink.batch.removeBytes(after: storedBytes)
                sink.report(.missingMessage(objectIndex: location.index, eventIndex: nil), line: location.line)
                return
            }
            reader.emit(
                message, logGroup: fields.logGroup, logStream: fields.logStream, timestamp: fields.timestamp,
                origin: EnvelopeOrigin(line: location.line, offset: location.offset, objectIndex: location.index),
                into: &sink)
        } catch {
            sink.batch.removeBytes(after: storedBytes)
            if !isCut {
                sink.report(
                    .invalidObject(objectIndex: location.index, offset: error.offset, expected: error.expected),
                    line: location.line)
            }
        }
    }
}
