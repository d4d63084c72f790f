/// Takes the messages out of Logs Insights results exported as CSV.
///
/// The header row names the query's fields, for example `@logStream,@timestamp,@message`; only `@message`
/// is required. `@timestamp` is written like `2021-08-11 09:29:13.095`, in UTC without a zone designator.
struct InsightsCSVDecoder {
    private struct Columns {
        var message: Int
        var timestamp: Int?
        var logStream: Int?
        var accountAndLogGroup: Int?
    }

    private var splitter = CSVRecordSplitter()
    private var records: [CSVRecordSplitter.Record] = []
    private var columns: Columns?
    private var hasReadHeader = false

    mutating func consume(_ chunk: UnsafeRawBufferPointer, into sink: inout EnvelopeSink) {
        splitter.consume(chunk, into: &records)
        drainRecords(into: &sink)
    }

    mutating func finish(into sink: inout EnvelopeSink) {
        if splitter.isInsideQuotedField {
            sink.report(.quotedFieldCut, line: splitter.currentRecordLine)
        }
        splitter.finish(into: &records)
        drainRecords(into: &sink)
    }

    private mutating func drainRecords(into sink: inout EnvelopeSink) {
        for record in records {
            if hasReadHeader {
                decode(record, into: &sink)
            } else {
                hasReadHeader = true
                columns = Self.columns(fromHeader: record.fields)
                if columns == nil {
                    sink.report(.missingMessageColumn, line: record.line)
                }
            }
        }
        records.removeAll(keepingCapacity: true)
    }

    private func decode(_ record: CSVRecordSplitter.Record, into sink: inout EnvelopeSink) {
        // Without a `@message` column the header was reported once and the records are passed over.
        guard let columns else { return }
        guard columns.message < record.fields.count else {
            sink.report(
                .missingMessageField(fieldCount: record.fields.count, messageColumn: columns.message),
                line: record.line)
            return
        }
        func text(_ column: Int?) -> String? {
            guard let column, column < record.fields.count else { return nil }
            return String(decoding: record.fields[column], as: UTF8.self)
        }
        sink.emit(
            EnvelopeMessage(
                message: record.fields[columns.message],
                logGroup: text(columns.accountAndLogGroup).map(EnvelopeJSONReader.logGroup(fromAccountAndLogGroup:)),
                logStream: text(columns.logStream),
                timestamp: text(columns.timestamp).flatMap(TimestampParser.parse),
                origin: EnvelopeOrigin(line: record.line, offset: record.offset)))
    }

    private static func columns(fromHeader fields: [[UInt8]]) -> Columns? {
        var names = fields.map { String(decoding: $0, as: UTF8.self) }
        if let first = names.first, first.hasPrefix("\u{FEFF}") {
            names[0] = String(first.dropFirst())
        }
        guard let message = names.firstIndex(of: "@message") else { return nil }
        return Columns(
            message: message, timestamp: names.firstIndex(of: "@timestamp"),
            logStream: names.firstIndex(of: "@logStream"), accountAndLogGroup: names.firstIndex(of: "@log"))
    }
}
