import Foundation

/// A CSV reader after RFC 4180: fields separated by commas, records by LF or CRLF, and fields in
/// double quotes may contain commas, line breaks and doubled quotes (`""`).
enum CSVParser {
    struct Malformed: Error {
        var reason: String
    }

    /// Splits `text` into records of fields. A final line break does not start another record.
    static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var isQuoted = false
        var fieldWasQuoted = false
        var characters = Array(text)[...]

        while let character = characters.popFirst() {
            if isQuoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        field.append("\"")
                    } else {
                        isQuoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else { throw Malformed(reason: "quote inside an unquoted field") }
                isQuoted = true
                fieldWasQuoted = true
            case ",":
                record.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldWasQuoted = false
            default:
                guard !fieldWasQuoted else { throw Malformed(reason: "text after a closing quote") }
                field.append(character)
            }
        }
        guard !isQuoted else { throw Malformed(reason: "unterminated quoted field") }
        if !field.isEmpty || fieldWasQuoted || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}

/// A reader of GitHub-flavoured Markdown pipe tables: a header row, a delimiter row of `---`
/// cells (optionally with `:` for alignment), then body rows. `\|` is a literal pipe inside a cell.
enum MarkdownTableParser {
    struct Malformed: Error {
        var line: Int
        var reason: String
    }

    struct Table {
        var header: [String]
        var rows: [[String]]
    }

    static func table(_ text: String) throws -> Table {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tableLines = lines.last == "" ? lines.dropLast() : lines[...]
        guard tableLines.count >= 2 else { throw Malformed(line: 1, reason: "fewer than two lines") }

        var parsed: [[String]] = []
        for (index, line) in tableLines.enumerated() {
            guard line.hasPrefix("|"), line.hasSuffix("|"), line.count >= 2 else {
                throw Malformed(line: index + 1, reason: "does not start and end with |")
            }
            parsed.append(cells(of: String(line.dropFirst().dropLast())))
        }

        let header = parsed[0]
        for (index, delimiter) in parsed[1].enumerated() {
            let dashes = delimiter.trimmingPrefix(":").dropLast(delimiter.hasSuffix(":") ? 1 : 0)
            guard dashes.count >= 3, dashes.allSatisfy({ $0 == "-" }) else {
                throw Malformed(line: 2, reason: "delimiter cell \(index + 1) is '\(delimiter)'")
            }
        }
        guard parsed[1].count == header.count else {
            throw Malformed(line: 2, reason: "\(parsed[1].count) delimiter cells for \(header.count) columns")
        }
        return Table(header: header, rows: Array(parsed.dropFirst(2)))
    }

    /// Splits the inside of a row at unescaped pipes and trims the spaces around each cell.
    private static func cells(of row: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var characters = Array(row)[...]
        while let character = characters.popFirst() {
            if character == "\\", characters.first == "|" {
                characters.removeFirst()
                cell.append("|")
            } else if character == "|" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        cells.append(cell)
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
