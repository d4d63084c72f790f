/// Splits RFC 4180 CSV that arrives in chunks into records of unquoted fields.
///
/// A quoted field may hold commas, newlines and doubled quotes (`""` for `"`). A `\r` outside quotes is
/// dropped, so CRLF and LF files read the same. Blank lines are skipped. A quote inside an unquoted field,
/// or text after a closing quote, is kept as it is rather than rejected.
struct CSVRecordSplitter {
    struct Record {
        var fields: [[UInt8]]
        /// The 1-based line where the record starts.
        var line: Int
        var offset: Int
    }

    private enum State {
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: either the first of a doubled quote or the closing quote.
        case quoteInQuoted
    }

    // NOTE: A record has no length limit, unlike lines, so a quote that is never closed holds the rest of
    // the input in memory. Logs Insights exports are at most 10,000 rows.
    private var state = State.fieldStart
    private var fields: [[UInt8]] = []
    private var field: [UInt8] = []
    private var line = 1
    private var offset = 0
    private var recordLine = 1
    private var recordOffset = 0

    /// Whether the input so far ends inside a quoted field.
    var isInsideQuotedField: Bool { state == .quoted }

    /// The 1-based line where the record being read starts.
    var currentRecordLine: Int { recordLine }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, into records: inout [Record]) {
        for byte in chunk {
            process(byte, &records)
            offset += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
            }
        }
    }

    /// Delivers a last record without a line terminator. A record cut inside quotes is dropped; check
    /// `isInsideQuotedField` first to report it.
    mutating func finish(into records: inout [Record]) {
        if state != .quoted && (!fields.isEmpty || !field.isEmpty) {
            endRecord(&records)
        }
        self = CSVRecordSplitter()
    }

    private mutating func process(_ byte: UInt8, _ records: inout [Record]) {
        switch (state, byte) {
        case (.quoted, UInt8(ascii: "\"")):
            state = .quoteInQuoted
        case (.quoted, _):
            field.append(byte)
        case (.quoteInQuoted, UInt8(ascii: "\"")):
            field.append(byte)
            state = .quoted
        case (.fieldStart, UInt8(ascii: "\"")):
            state = .quoted
        case (_, UInt8(ascii: ",")):
            fields.append(field)
            field = []
            state = .fieldStart
        case (_, UInt8(ascii: "\n")):
            endRecord(&records)
        case (_, UInt8(ascii: "\r")):
            break
        default:
            field.append(byte)
            state = .unquoted
        }
    }

    private mutating func endRecord(_ records: inout [Record]) {
        fields.append(field)
        let isBlankLine = fields.count == 1 && fields[0].isEmpty && state == .fieldStart
        if !isBlankLine {
            records.append(Record(fields: fields, line: recordLine, offset: recordOffset))
        }
        fields = []
        field = []
        state = .fieldStart
        recordLine = line + 1
        recordOffset = offset + 1
    }
}
