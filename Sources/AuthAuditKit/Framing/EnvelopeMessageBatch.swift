/// The messages decoded from one chunk, their bytes stored back to back in one buffer, so that decoding a
/// delivery costs no heap allocation per log event.
struct EnvelopeMessageBatch: Sendable {
    /// Everything about one message but its bytes.
    struct Entry: Sendable {
        var start: Int
        var count: Int
        var logGroup: String?
        var logStream: String?
        var timestamp: Timestamp?
        var origin: EnvelopeOrigin
        var truncation: MessageTruncation?
    }

    private let bytes = MessageBytes()
    private(set) var entries: [Entry] = []

    var count: Int { entries.count }

    /// Adds a message whose bytes are `message` as they are.
    mutating func append(
        _ message: UnsafeRawBufferPointer, logGroup: String?, logStream: String?, timestamp: Timestamp?,
        origin: EnvelopeOrigin
    ) {
        let start = bytes.count
        bytes.append(message)
        addEntry(start: start, logGroup: logGroup, logStream: logStream, timestamp: timestamp, origin: origin)
    }

    /// Adds a message given as the contents of a JSON string (without its quotes), unescaped.
    mutating func appendUnescaped(
        _ contents: UnsafeRawBufferPointer, logGroup: String?, logStream: String?, timestamp: Timestamp?,
        origin: EnvelopeOrigin
    ) {
        let start = bytes.count
        bytes.append(contents)
        let unescapedCount = JSONStringUnescaping.unescapeInPlace(
            UnsafeMutableRawBufferPointer(start: bytes.base + start, count: contents.count))
        bytes.count = start + unescapedCount
        addEntry(start: start, logGroup: logGroup, logStream: logStream, timestamp: timestamp, origin: origin)
    }

    /// Unescapes the JSON string whose contents start at `start` in `source` into the buffer, after the
    /// messages, and returns where its bytes are and the index of its closing quote, or nil when the
    /// string is not closed. The bytes belong to no message until `appendStored` names them.
    mutating func storeString(
        in source: UnsafeRawBufferPointer, from start: Int
    ) -> (stored: Range<Int>, closingQuote: Int)? {
        // The unescaped string is never longer than what is left of the source.
        bytes.reserve(source.count - start)
        let storedStart = bytes.count
        guard let result = JSONStringUnescaping.unescape(
            source, from: start, into: bytes.base + storedStart)
        else { return nil }
        bytes.count = storedStart + result.written
        return (storedStart..<(storedStart + result.written), result.closingQuote)
    }

    /// Adds a message whose bytes `storeString` stored.
    mutating func appendStored(
        _ range: Range<Int>, logGroup: String?, logStream: String?, timestamp: Timestamp?, origin: EnvelopeOrigin
    ) {
        let entry = addEntry(
            start: range.lowerBound, count: range.count, logGroup: logGroup, logStream: logStream,
            timestamp: timestamp, origin: origin)
        entries.append(entry)
    }

    /// The number of bytes stored, to undo later with `removeBytes(after:)`.
    var byteCount: Int { bytes.count }

    /// Drops stored bytes after `count` that no message names.
    mutating func removeBytes(after count: Int) {
        precondition(entries.last.map { $0.start + $0.count <= count } ?? true, "bytes of a message")
        bytes.count = count
    }

    private mutating func addEntry(
        start: Int, logGroup: String?, logStream: String?, timestamp: Timestamp?, origin: EnvelopeOrigin
    ) {
        entries.append(
            addEntry(
                start: start, count: bytes.count - start, logGroup: logGroup, logStream: logStream,
                timestamp: timestamp, origin: origin))
    }

    private func addEntry(
        start: Int, count: Int, logGroup: String?, logStream: String?, timestamp: Timestamp?, origin: EnvelopeOrigin
    ) -> Entry {
        Entry(
            start: start, count: count, logGroup: logGroup, logStream: logStream, timestamp: timestamp,
            origin: origin, truncation: MessageTruncation.inspect(bytes.slice(start, count)))
    }

    /// Removes the last `count` messages.
    mutating func removeLast(_ count: Int) {
        guard count > 0 else { return }
        let start = entries[entries.count - count].start
        entries.removeLast(count)
        bytes.count = start
    }

    /// Calls `body` with each message's index, entry and bytes, in input order.
    func forEach(_ body: (Int, Entry, UnsafeRawBufferPointer) throws -> Void) rethrows {
        for (index, entry) in entries.enumerated() {
            try body(index, entry, bytes.slice(entry.start, entry.count))
        }
    }

    /// The messages as separate values, for callers that keep them.
    var messages: [EnvelopeMessage] {
        entries.map { entry in
            EnvelopeMessage(
                message: Array(bytes.slice(entry.start, entry.count)), logGroup: entry.logGroup,
                logStream: entry.logStream, timestamp: entry.timestamp, origin: entry.origin,
                truncation: entry.truncation)
        }
    }
}
