/// One record of a CSV file.
struct CSVRecord {
    /// The 1-based line the record starts on.
    var line: Int
    var fields: [String]
}

/// Splitting of RFC 4180 CSV text into records.
enum CSVRecords {
    /// The records of the text, blank lines left out.
    ///
    /// A field that starts with `"` runs to the next lone `"`, and `""` inside it is one quote,
    /// so quoted fields can hold the delimiter and line ends. Characters after the closing quote are
    /// kept, as spreadsheet programs do. CRLF and LF line ends are both accepted. When the text ends
    /// inside a quoted field, `unterminatedQuoteLine` is the line that field starts on, and that
    /// record is left out.
    static func split(
        _ bytes: ArraySlice<UInt8>, delimiter: UInt8, firstLine: Int
    ) -> (records: [CSVRecord], unterminatedQuoteLine: Int?) {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var isQuoted = false
        var wasQuoted = false
        var line = firstLine
        var recordLine = firstLine
        var quoteLine = firstLine
        var index = bytes.startIndex

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field = []
            wasQuoted = false
        }

        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if isQuoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        isQuoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where field.isEmpty && !wasQuoted:
                isQuoted = true
                wasQuoted = true
                quoteLine = line
            case delimiter:
                endField()
            case UInt8(ascii: "\n"):
                if field.last == UInt8(ascii: "\r") { field.removeLast() }
                let isBlank = fields.isEmpty && field.isEmpty && !wasQuoted
                endField()
                if !isBlank {
                    records.append(CSVRecord(line: recordLine, fields: fields))
                }
                fields = []
                line += 1
                recordLine = line
            default:
                field.append(byte)
            }
        }
        if isQuoted {
            return (records, quoteLine)
        }
        if !fields.isEmpty || !field.isEmpty || wasQuoted {
            if field.last == UInt8(ascii: "\r") { field.removeLast() }
            endField()
            records.append(CSVRecord(line: recordLine, fields: fields))
        }
        return (records, nil)
    }

    /// `;` when the first line has more unquoted semicolons than commas, else `,`.
    static func detectDelimiter(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var isQuoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                isQuoted.toggle()
            } else if !isQuoted {
                if byte == UInt8(ascii: "\n") { break }
                if byte == UInt8(ascii: ",") { commas += 1 }
                if byte == UInt8(ascii: ";") { semicolons += 1 }
            }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }
}
