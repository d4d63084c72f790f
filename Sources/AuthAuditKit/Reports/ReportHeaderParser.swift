extension ReportDefinition {
    /// Parses a report file's text.
    ///
    /// Rules:
    /// - Blank lines before the header are skipped. The header is the run of lines that start with `--`;
    ///   the first other line (a blank one included) starts the SQL.
    /// - Each header line is `-- field: value`. A bare `--` is a spacer. A line whose text after `-- `
    ///   starts with more whitespace continues the previous field's value (joined with one space).
    /// - Fields: `name`, `title`, `description`, `param` (repeatable), `headline` (`true`/`false`) and
    ///   `changes` (see `ReportChangeRule`).
    ///   A `param` value is `NAME TYPE SUMMARY`, with `TYPE` one of `time`, `text`, `integer`, `flag`.
    /// - Without `name`, the name is the file name without `.sql`. `description` is required.
    public static func parse(_ text: String, path: String) throws(ReportDefinitionError) -> ReportDefinition {
        // Swift reads CR LF as one `Character`, distinct from LF.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        var index = 0
        while index < lines.count, lines[index].allSatisfy(\.isWhitespace) {
            index += 1
        }
        var fields: [HeaderField] = []
        while index < lines.count, lines[index].hasPrefix("--") {
            try readHeaderLine(lines[index], number: index + 1, path: path, into: &fields)
            index += 1
        }
        let sql = lines[index...].joined(separator: "\n")
        guard SQLStatementSplitter.statements(in: sql).isEmpty == false else {
            throw ReportDefinitionError(path: path, reason: .missingSQL)
        }
        var definition = try interpret(fields, path: path)
        definition.sql = sql
        definition.sqlFirstLine = index + 1
        return definition
    }

    /// Reads and parses a report file.
    public static func load(path: String) throws(ReportDefinitionError) -> ReportDefinition {
        let bytes: [UInt8]
        do {
            bytes = try ReportFileSystem.readFile(path)
        } catch {
            throw ReportDefinitionError(path: path, reason: .unreadable(errno: error.code))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ReportDefinitionError(path: path, reason: .notUTF8)
        }
        return try parse(text, path: path)
    }

    /// Derives the report name for a header without a `name` field: the file name without `.sql`.
    static func derivedName(path: String) -> String {
        var fileName = path.split(separator: "/").last.map(String.init) ?? path
        if fileName.hasSuffix(".sql") {
            fileName.removeLast(4)
        }
        return fileName
    }
}

/// One header field with its value and the line it started on.
private struct HeaderField {
    var key: String
    var value: String
    var line: Int
}

private let knownFields: Set<String> = ["name", "title", "description", "param", "headline", "changes"]

private func readHeaderLine(
    _ line: Substring, number: Int, path: String, into fields: inout [HeaderField]
) throws(ReportDefinitionError) {
    var rest = line.dropFirst(2)
    if rest.first == " " {
        rest = rest.dropFirst()
    }
    if rest.allSatisfy(\.isWhitespace) {
        return
    }
    if rest.first?.isWhitespace == true {
        guard !fields.isEmpty else {
            throw ReportDefinitionError(path: path, line: number, reason: .continuationWithoutField)
        }
        let continuation = rest.drop(while: \.isWhitespace).trimmingTrailingWhitespace()
        fields[fields.count - 1].value += (fields[fields.count - 1].value.isEmpty ? "" : " ") + continuation
        return
    }
    guard let colon = rest.firstIndex(of: ":") else {
        throw ReportDefinitionError(path: path, line: number, reason: .malformedLine)
    }
    let key = String(rest[..<colon])
    guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    else {
        throw ReportDefinitionError(path: path, line: number, reason: .malformedLine)
    }
    guard knownFields.contains(key) else {
        throw ReportDefinitionError(path: path, line: number, reason: .unknownField(key))
    }
    if key != "param", fields.contains(where: { $0.key == key }) {
        throw ReportDefinitionError(path: path, line: number, reason: .duplicateField(key))
    }
    let value = rest[rest.index(after: colon)...].drop(while: \.isWhitespace).trimmingTrailingWhitespace()
    fields.append(HeaderField(key: key, value: value, line: number))
}

private func interpret(_ fields: [HeaderField], path: String) throws(ReportDefinitionError) -> ReportDefinition {
    var definition = ReportDefinition(
        name: ReportDefinition.derivedName(path: path), description: "", sql: "", path: path)
    var nameLine: Int?
    var hasDescription = false
    for field in fields {
        if field.value.isEmpty {
            throw ReportDefinitionError(path: path, line: field.line, reason: .emptyValue(field: field.key))
        }
        switch field.key {
        case "name":
            definition.name = field.value
            nameLine = field.line
        case "title":
            definition.title = field.value
        case "description":
            definition.description = field.value
            hasDescription = true
        case "headline":
            switch field.value {
            case "true": definition.isHeadline = true
            case "false": definition.isHeadline = false
            default:
                throw ReportDefinitionError(path: path, line: field.line, reason: .invalidHeadline(field.value))
            }
        case "changes":
            guard let rule = ReportChangeRule.parse(field.value) else {
                throw ReportDefinitionError(path: path, line: field.line, reason: .invalidChanges(field.value))
            }
            definition.changeRule = rule
        default:
            let parameter = try parseParameter(field.value, line: field.line, path: path)
            if definition.parameter(named: parameter.name) != nil {
                throw ReportDefinitionError(path: path, line: field.line, reason: .duplicateParameter(parameter.name))
            }
            definition.parameters.append(parameter)
        }
    }
    guard isValidReportName(definition.name) else {
        throw ReportDefinitionError(path: path, line: nameLine, reason: .invalidName(definition.name))
    }
    guard hasDescription else {
        throw ReportDefinitionError(path: path, reason: .missingDescription)
    }
    return definition
}

private func parseParameter(_ value: String, line: Int, path: String) throws(ReportDefinitionError) -> ReportParameter {
    let parts = value.split(maxSplits: 2, whereSeparator: \.isWhitespace)
    guard parts.count == 3 else {
        throw ReportDefinitionError(path: path, line: line, reason: .incompleteParameter)
    }
    let name = String(parts[0])
    guard isValidParameterName(name) else {
        throw ReportDefinitionError(path: path, line: line, reason: .invalidParameterName(name))
    }
    guard let type = ReportParameterType(rawValue: String(parts[1])) else {
        throw ReportDefinitionError(path: path, line: line, reason: .unknownParameterType(String(parts[1])))
    }
    let summary = parts[2].drop(while: \.isWhitespace)
    return ReportParameter(name: name, type: type, summary: String(summary))
}

func isValidReportName(_ name: String) -> Bool {
    !name.isEmpty
        && name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
        }
}

/// Checks that SQLite reads the whole name as one `:name` parameter. ASCII only, so no Unicode rule is involved.
func isValidParameterName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { scalar in
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }
}

extension StringProtocol {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace {
            end = index(before: end)
        }
        return String(self[startIndex..<end])
    }
}
