/// Turns the decompressed bytes of one input wrapped by CloudWatch Logs into the log messages inside.
///
/// Bytes arrive in chunks of any size, split anywhere. Only the current line, CSV record or JSON object
/// is held, so a Firehose object or an `events` array of any size is read in bounded memory. Malformed
/// content becomes a diagnostic and decoding goes on with the next line, record or object. An object cut
/// off by the end of the input is reported too, and its complete log events are kept.
///
/// ```swift
/// let decoder = EnvelopeDecoder(kind: .subscriptionEnvelopes, source: path)
/// while let count = ..., count > 0 { messages += decoder.decode(chunk) }
/// messages += decoder.finish()
/// let problems = decoder.takeDiagnostics()
/// ```
///
/// Not thread-safe: one decoder belongs to the thread that reads its input.
public final class EnvelopeDecoder {
    public static let defaultMaximumLineLength = 64 * 1024 * 1024

    public let kind: EnvelopeKind
    /// The path as given, or `<stdin>`, for diagnostics.
    public let source: String

    // Exactly one of these is set, by `kind`. Optionals mutate in place, where an enum payload would be
    // copied with its buffers on every chunk.
    private var lineDecoder: TimestampedLineDecoder?
    private var jsonDecoder: JSONEnvelopeDecoder?
    private var csvDecoder: InsightsCSVDecoder?
    private var diagnostics: [Diagnostic] = []
    private var isFinished = false

    /// - Parameter maximumLineLength: The longest line of the export and tail shapes kept, in bytes; a
    ///   longer line is skipped with a diagnostic.
    public init(kind: EnvelopeKind, source: String, maximumLineLength: Int = EnvelopeDecoder.defaultMaximumLineLength) {
        self.kind = kind
        self.source = source
        switch kind {
        case .exportLines, .tailText:
            lineDecoder = TimestampedLineDecoder(kind: kind, maximumLineLength: maximumLineLength)
        case .subscriptionEnvelopes, .logEventsPages, .insightsJSON:
            jsonDecoder = JSONEnvelopeDecoder(kind: kind)
        case .insightsCSV:
            csvDecoder = InsightsCSVDecoder()
        }
    }

    /// Decodes the next chunk and returns the messages it completed, in input order.
    ///
    /// Traps when called after `finish()`.
    public func decode(_ chunk: UnsafeRawBufferPointer) -> [EnvelopeMessage] {
        decodeBatch(chunk).messages
    }

    /// Decodes the next chunk like `decode(_:)`, returning the messages in one buffer.
    func decodeBatch(_ chunk: UnsafeRawBufferPointer) -> EnvelopeMessageBatch {
        precondition(!isFinished, "decode(_:) called after finish()")
        var sink = EnvelopeSink()
        lineDecoder?.consume(chunk, into: &sink)
        jsonDecoder?.consume(chunk, into: &sink)
        csvDecoder?.consume(chunk, into: &sink)
        return collect(sink)
    }

    public func decode(_ chunk: [UInt8]) -> [EnvelopeMessage] {
        chunk.withUnsafeBytes { decode($0) }
    }

    /// Ends the input: returns the messages still held (a last line without a newline, the message of a
    /// last export line) and reports anything left open.
    public func finish() -> [EnvelopeMessage] {
        finishBatch().messages
    }

    /// Ends the input like `finish()`, returning the messages in one buffer.
    func finishBatch() -> EnvelopeMessageBatch {
        guard !isFinished else { return EnvelopeMessageBatch() }
        isFinished = true
        var sink = EnvelopeSink()
        lineDecoder?.finish(into: &sink)
        jsonDecoder?.finish(into: &sink)
        csvDecoder?.finish(into: &sink)
        return collect(sink)
    }

    /// Returns the problems found since the last call, in the order they were found, and clears them.
    public func takeDiagnostics() -> [Diagnostic] {
        defer { diagnostics = [] }
        return diagnostics
    }

    private func collect(_ sink: EnvelopeSink) -> EnvelopeMessageBatch {
        for (problem, line) in sink.problems {
            // A cut input keeps what came before it, as a truncated gzip stream does.
            let severity: DiagnosticSeverity = problem.isCut ? .warning : .error
            diagnostics.append(
                Diagnostic(severity: severity, source: source, line: line, problem: problem.inputProblem))
        }
        return sink.batch
    }
}
