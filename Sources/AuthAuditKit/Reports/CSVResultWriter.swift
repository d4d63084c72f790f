/// CSV output (RFC 4180) with a header row, written as rows arrive.
///
/// Lines end in LF, not the CRLF that RFC 4180 names, because the output is mostly read by Unix tools;
/// spreadsheet programs accept both. A field is quoted when it contains `,`, `"`, CR or LF, with `"`
/// doubled. NULL is an empty field and the empty string is `""`, so the two stay apart.
// NOTE: text starting with `=`, `+`, `-` or `@` is written as is, and a spreadsheet may read it as a formula.
public struct CSVResultWriter<Output: TextOutputStream>: ResultSink {
    public var output: Output
    private var hasColumns = false

    public init(output: Output) {
        self.output = output
    }

    public mutating func begin(columns: [String]) {
        hasColumns = !columns.isEmpty
        guard hasColumns else { return }
        output.write(columns.map(CSVField.escaped).joined(separator: ",") + "\n")
    }

    public mutating func append(row: [SQLiteValue]) {
        guard hasColumns else { return }
        let fields = row.map { value -> String in
            switch value {
            case .null: return ""
            case .text(let text) where text.isEmpty: return "\"\""
            default: return CSVField.escaped(CellText.plain(value))
            }
        }
        output.write(fields.joined(separator: ",") + "\n")
    }

    public mutating func end() {}
}

enum CSVField {
    /// The text as one CSV field, quoted when needed.
    static func escaped(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return text }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }
}
