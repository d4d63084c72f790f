/// The member names of one log event in each JSON shape.
struct LogEventKeys {
    var message: StaticString
    var timestamp: StaticString
    var logStream: StaticString?
    /// Logs Insights' `@log`, which contains `<account id>:<log group name>`.
    var accountAndLogGroup: StaticString?

    static let subscription = LogEventKeys(message: "message", timestamp: "timestamp")
    static let eventsPage = LogEventKeys(message: "message", timestamp: "timestamp", logStream: "logStreamName")
    static let insights = LogEventKeys(
        message: "@message", timestamp: "@timestamp", logStream: "@logStream", accountAndLogGroup: "@log")
}

/// The `message` of one log event, not yet copied out of the object it was read from.
enum LogEventMessage {
    /// A JSON string, already unescaped into the batch at this range.
    case stored(Range<Int>)
    /// An object or array, as compact JSON.
    case json([UInt8])
}

/// The fields of one log event that authaudit keeps.
struct LogEventFields {
    /// Nil when the event has no `message`, or one that is neither a string nor an object.
    var message: LogEventMessage?
    var timestamp: Timestamp?
    var logStream: String?
    var logGroup: String?
}

extension EnvelopeJSONReader {
    /// Reads one log event object and skips its other members (`id`, `ingestionTime`, `eventId`, …).
    ///
    /// A message string is unescaped into `batch` as it is read; the caller names it as a message or
    /// drops it.
    mutating func readLogEvent(
        _ keys: LogEventKeys, storingStringsIn batch: inout EnvelopeMessageBatch
    ) throws(SyntaxError) -> LogEventFields {
        var fields = LogEventFields()
        try readObject { (reader, key) throws(SyntaxError) in
            if reader.keyEquals(key, keys.message) {
                fields.message = try reader.readMessage(storingStringsIn: &batch)
            } else if reader.keyEquals(key, keys.timestamp) {
                fields.timestamp = try reader.readTimestamp()
            } else if let name = keys.logStream, reader.keyEquals(key, name) {
                fields.logStream = try reader.readOptionalString()
            } else if let name = keys.accountAndLogGroup, reader.keyEquals(key, name) {
                fields.logGroup = try reader.readOptionalString().map(Self.logGroup(fromAccountAndLogGroup:))
            } else {
                try reader.skipValue()
            }
        }
        return fields
    }

    /// Reads a message. A JSON string is unescaped once, which turns an audit event sent as a string back
    /// into its JSON line. An object, as Logs Insights exports parsed messages, is kept as compact JSON.
    mutating func readMessage(storingStringsIn batch: inout EnvelopeMessageBatch) throws(SyntaxError) -> LogEventMessage? {
        switch peek {
        case UInt8(ascii: "\""):
            guard let stored = batch.storeString(in: bytes, from: position + 1) else {
                position = bytes.count
                throw error("'\"' closing a string")
            }
            position = stored.closingQuote + 1
            return .stored(stored.stored)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return .json(try readCompactValue())
        default:
            try skipValue()
            return nil
        }
    }

    /// Reads milliseconds since the epoch (subscription and log-events shapes) or a date-time string
    /// (Logs Insights `2021-08-11 09:29:13.095`, UTC without a zone designator).
    mutating func readTimestamp() throws(SyntaxError) -> Timestamp? {
        guard let byte = peek else { throw error("a timestamp") }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let milliseconds = try readInteger() else { return nil }
            let (microseconds, overflowed) = milliseconds.multipliedReportingOverflow(by: 1_000)
            return overflowed ? nil : Timestamp(microseconds: microseconds)
        case UInt8(ascii: "\""):
            return TimestampParser.parse(decodeString(try readString()))
        default:
            try skipValue()
            return nil
        }
    }

    mutating func readOptionalString() throws(SyntaxError) -> String? {
        guard peek == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        return decodeString(try readString())
    }

    /// Adds a message read by this reader to `sink`. A JSON string was unescaped once as it was read, which
    /// turns an audit event sent as a string back into its JSON line.
    func emit(
        _ message: LogEventMessage, logGroup: String?, logStream: String?, timestamp: Timestamp?,
        origin: EnvelopeOrigin, into sink: inout EnvelopeSink
    ) {
        switch message {
        case .stored(let range):
            sink.batch.appendStored(
                range, logGroup: logGroup, logStream: logStream, timestamp: timestamp, origin: origin)
        case .json(let bytes):
            bytes.withUnsafeBytes { raw in
                sink.batch.append(raw, logGroup: logGroup, logStream: logStream, timestamp: timestamp, origin: origin)
            }
        }
    }

    static func logGroup(fromAccountAndLogGroup value: String) -> String {
        guard let colon = value.firstIndex(of: ":") else { return value }
        return String(value[value.index(after: colon)...])
    }
}
