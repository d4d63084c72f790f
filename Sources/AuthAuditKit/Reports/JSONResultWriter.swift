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
    private var keys: [String] = []
    private var rowCount = 0

    public init(output: Output) {
        self.output = output
    }

    public mutating func begin(columns: [String]) {
        keys = columns.map { JSONText.quoted($0) }
        rowCount = 0
    }

    public mutating func append(row: [SQLiteValue]) {
        var text = rowCount == 0 ? "[\n" : ",\n"
        if keys.isEmpty {
            text += "  {}"
        } else {
            text += "  {\n"
            for (column, value) in row.enumerated() {
                text += "    " + keys[column] + ": " + JSONText.literal(value)
                text += column == row.count - 1 ? "\n" : ",\n"
            }
            text += "  }"
        }
        output.write(text)
        rowCount += 1
    }

    public mutating func end() {
        output.write(rowCount == 0 ? "[]\n" : "\n]\n")
    }
}
