/// Takes the messages out of the three JSON shapes: subscription envelopes, log-events pages and Logs
/// Insights arrays.
struct JSONEnvelopeDecoder {
    /// Every subscription envelope starts with this member; see `JSONValueSplitter`'s resynchronization.
    static let envelopeStart: [UInt8] = Array(#"{"messageType""#.utf8)

    let kind: EnvelopeKind
    private var splitter: JSONValueSplitter
    private var events: [JSONSplitEvent] = []

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
        splitter.consume(chunk, into: &events)
        drainEvents(into: &sink)
    }

    mutating func finish(into sink: inout EnvelopeSink) {
        splitter.finish(into: &events)
        drainEvents(into: &sink)
    }

    private mutating func drainEvents(into sink: inout EnvelopeSink) {
        for event in events {
            switch event {
            case .object(let bytes, let location):
                decodeObject(bytes, at: location, isCut: false, into: &sink)
            case .cutObject(let bytes, let location):
                decodeObject(bytes, at: location, isCut: true, into: &sink)
            case .problem(let problem, let line):
                sink.report(problem, line: line)
            }
        }
        events.removeAll(keepingCapacity: true)
    }

    /// Decodes one object; for a cut object, keeps what was complete and reports no syntax error, because
    /// the cut was already reported.
    private func decodeObject(
        _ bytes: [UInt8], at location: JSONObjectLocation, isCut: Bool, into sink: inout EnvelopeSink
    ) {
        bytes.withUnsafeBytes { raw in
            var reader = EnvelopeJSONReader(bytes: raw)
            if kind == .subscriptionEnvelopes {
                SubscriptionEnvelope.decode(&reader, at: location, isCut: isCut, into: &sink)
                return
            }
            let keys: LogEventKeys = kind == .insightsJSON ? .insights : .eventsPage
            do throws(EnvelopeJSONReader.SyntaxError) {
                let fields = try reader.readLogEvent(keys)
                guard let message = fields.message else {
                    sink.report(.missingMessage(objectIndex: location.index, eventIndex: nil), line: location.line)
                    return
                }
                sink.emit(
                    EnvelopeMessage(
                        message: message, logGroup: fields.logGroup, logStream: fields.logStream,
                        timestamp: fields.timestamp,
                        origin: EnvelopeOrigin(
                            line: location.line, offset: location.offset, objectIndex: location.index)))
            } catch {
                if !isCut {
                    sink.report(
                        .invalidObject(objectIndex: location.index, offset: error.offset, expected: error.expected),
                        line: location.line)
                }
            }
        }
    }
}
