/// Takes the messages out of lines that start with a CloudWatch timestamp: export-to-S3 lines
/// (`<time> <message>`) and `aws logs tail` output (`<time> <logStreamName> <message>`).
///
/// A line that does not start with a timestamp continues the message before it, joined with `\n`: an
/// export writes a message with newlines over several lines, and `aws logs tail --format json`
/// pretty-prints JSON messages. Each message is therefore held until the next timestamped line or the
/// end of the input. A last line without a newline and without a timestamp is taken for a line cut
/// inside its timestamp and reported, so that it does not change the message before it.
struct TimestampedLineDecoder {
    let hasLogStreamName: Bool
    private var framer: LineFramer
    private var pending: EnvelopeMessage?

    init(kind: EnvelopeKind, maximumLineLength: Int) {
        hasLogStreamName = kind == .tailText
        framer = LineFramer(maximumLength: maximumLineLength)
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, into sink: inout EnvelopeSink) {
        var lines: [LineFramer.Line] = []
        let maximum = framer.maximumLength
        framer.consume(chunk, { lines.append($0) }, tooLong: { length, line in
            sink.report(.recordTooLong(length: length, maximum: maximum), line: line)
        })
        for line in lines {
            decode(line, into: &sink)
        }
    }

    mutating func finish(into sink: inout EnvelopeSink) {
        var lines: [LineFramer.Line] = []
        let maximum = framer.maximumLength
        framer.finish({ lines.append($0) }, tooLong: { length, line in
            sink.report(.recordTooLong(length: length, maximum: maximum), line: line)
        })
        for line in lines {
            decode(line, into: &sink)
        }
        if let pending {
            sink.emit(pending)
            self.pending = nil
        }
    }

    private mutating func decode(_ line: LineFramer.Line, into sink: inout EnvelopeSink) {
        guard !line.bytes.isEmpty else { return }
        guard let header = Self.parseHeader(line.bytes, hasLogStreamName: hasLogStreamName) else {
            if !line.isTerminated {
                // Most likely a timestamp cut by the end of the input, not the end of a message.
                sink.report(.lastLineCut, line: line.number)
            } else if pending != nil {
                pending!.message.append(UInt8(ascii: "\n"))
                pending!.message.append(contentsOf: line.bytes)
            } else {
                sink.report(.missingLineTimestamp, line: line.number)
            }
            return
        }
        if let pending {
            sink.emit(pending)
            self.pending = nil
        }
        guard let messageStart = header.messageStart else {
            sink.report(line.isTerminated ? .missingLogStreamName : .lastLineCut, line: line.number)
            return
        }
        pending = EnvelopeMessage(
            message: Array(line.bytes[messageStart...]), logStream: header.logStream, timestamp: header.timestamp,
            origin: EnvelopeOrigin(line: line.number, offset: line.offset))
    }

    private struct Header {
        var timestamp: Timestamp
        var logStream: String?
        /// Nil when a tail line has nothing after its timestamp but the stream name.
        var messageStart: Int?
    }

    /// Reads the timestamp (and for tail output the stream name) before the message, or returns nil when
    /// the line does not start with a timestamp followed by a space.
    private static func parseHeader(_ bytes: [UInt8], hasLogStreamName: Bool) -> Header? {
        // The shortest accepted time is `2023-03-23T15:00:41Z`.
        guard bytes.count > 20, bytes[0] >= UInt8(ascii: "0"), bytes[0] <= UInt8(ascii: "9"),
            let space = bytes.firstIndex(of: UInt8(ascii: " "))
        else { return nil }
        let timestamp = bytes.withUnsafeBytes { raw in
            TimestampParser.parse(UnsafeRawBufferPointer(rebasing: raw[..<space]))
        }
        guard let timestamp else { return nil }
        guard hasLogStreamName else {
            return Header(timestamp: timestamp, messageStart: space + 1)
        }
        guard let streamEnd = bytes[(space + 1)...].firstIndex(of: UInt8(ascii: " ")), streamEnd > space + 1 else {
            return Header(timestamp: timestamp, messageStart: nil)
        }
        let stream = String(decoding: bytes[(space + 1)..<streamEnd], as: UTF8.self)
        return Header(timestamp: timestamp, logStream: stream, messageStart: streamEnd + 1)
    }
}
