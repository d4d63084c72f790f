/// Decoding of one subscription-filter payload:
/// `{"messageType":"DATA_MESSAGE","owner":…,"logGroup":…,"logStream":…,"subscriptionFilters":[…],
/// "logEvents":[{"id":…,"timestamp":…,"message":…},…]}`.
///
/// The layout is documented at https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html.
/// `CONTROL_MESSAGE` envelopes, which CloudWatch sends to check that a destination is reachable, carry no
/// control-plane log events and are dropped.
enum SubscriptionEnvelope {
    /// Decodes the envelope at the reader's position. Returns false when it is not valid JSON, after
    /// keeping the log events read before the error.
    @discardableResult
    static func decode(
        _ reader: inout EnvelopeJSONReader, at location: JSONObjectLocation, isCut: Bool, into sink: inout EnvelopeSink
    ) -> Bool {
        var messageType: String?
        var logGroup: String?
        var logStream: String?
        var logEvents: [LogEventFields] = []
        var failure: EnvelopeJSONReader.SyntaxError?
        let storedBytes = sink.batch.byteCount
        do throws(EnvelopeJSONReader.SyntaxError) {
            try reader.readObject { (reader, key) throws(EnvelopeJSONReader.SyntaxError) in
                if reader.keyEquals(key, "messageType") {
                    messageType = try reader.readOptionalString()
                } else if reader.keyEquals(key, "logGroup") {
                    logGroup = try reader.readOptionalString()
                } else if reader.keyEquals(key, "logStream") {
                    logStream = try reader.readOptionalString()
                } else if reader.keyEquals(key, "logEvents") {
                    try reader.readArray { (reader, _) throws(EnvelopeJSONReader.SyntaxError) in
                        logEvents.append(try reader.readLogEvent(.subscription, storingStringsIn: &sink.batch))
                    }
                } else {
                    try reader.skipValue()
                }
            }
        } catch {
            failure = error
        }

        if let failure, !isCut {
            sink.report(
                .invalidObject(objectIndex: location.index, offset: failure.offset, expected: failure.expected),
                line: location.line)
        }
        switch messageType {
        case "DATA_MESSAGE":
            break
        case "CONTROL_MESSAGE":
            sink.batch.removeBytes(after: storedBytes)
            return failure == nil
        default:
            // A cut or broken envelope has already been reported; a complete one names the wrong type.
            if failure == nil && !isCut {
                sink.report(
                    .unknownMessageType(objectIndex: location.index, messageType: messageType), line: location.line)
            }
            sink.batch.removeBytes(after: storedBytes)
            return failure == nil
        }

        for (eventIndex, event) in logEvents.enumerated() {
            guard let message = event.message else {
                sink.report(.missingMessage(objectIndex: location.index, eventIndex: eventIndex), line: location.line)
                continue
            }
            let origin = EnvelopeOrigin(
                line: location.line, offset: location.offset, objectIndex: location.index, eventIndex: eventIndex)
            reader.emit(
                message, logGroup: logGroup, logStream: logStream, timestamp: event.timestamp, origin: origin,
                into: &sink)
        }
        return failure == nil
    }
}
