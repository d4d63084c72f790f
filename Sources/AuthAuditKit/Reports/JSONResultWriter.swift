/// JSON output (RFC 8259): an array with one object per row, keys being the column names in column order,
/// written as rows arrive.
///
/// Layout: two-space indentation, one key per line, `[]` for no rows, and a final line feed. INTEGER and
/// finite REAL values are numbers, NULL and non-finite REAL are `null`, TEXT is a string, and BLOB is a
/// string of lowercase hex digits.
// NOTE: two result columns with the same name give an object with a repeated key; RFC 8259 allows it but
// many parsers keep only the last. Reports should alias such columns apart.
public struct JSONResultWriter<Output: TextOutputStream>: ResultSink {
    public var output: Output
    /// Each column's line prefix: indentation, the quoted key and `: `.
    private var keyPrefixes: [[UInt8]] = []
    private var rowCount = 0
    /// The current row's text, kept between rows so its capacity is reused.
    private var buffer: [UInt8] = []

    public init(output: Output) {
        self.output = output
    }

    public mutating func begin(columns: [String]) {
        keyPrefixes = columns.map { column in
            var prefix = Array("    ".utf8)
            JSONBytes.appendQuoted(column, to: &prefix)
            prefix += ": ".utf8
            return prefix
        }
        rowCount = 0
    }

    public mutating func append(row: [SQLiteValue]) {
        buffer.removeAll(keepingCapacity: true)
        buffer += (rowCount == 0 ? "[\n" : ",\n").utf8
        if keyPrefixes.isEmpty {
            buffer += "  {}".utf8
        } else {
            buffer += "  {\n".utf8
            for (column, value) in row.enumerated() {
                buffer += keyPrefixes[column]
                JSONBytes.appendLiteral(value, to: &buffer)
                buffer += (column == row.count - 1 ? "\n" : ",\n").utf8
            }
            buffer += "  }".utf8
        }
        output.write(String(decoding: buffer, as: UTF8.self))
        rowCount += 1
    }

    public mutating func end() {
        output.write(rowCount == 0 ? "[]\n" : "\n]\n")
    }
}
