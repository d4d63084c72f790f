/// One top-level document of an assignment input and the line it starts on in the whole file.
struct AssignmentDocument {
    var node: DocumentNode
    /// Lines before the text the node was parsed from; add it to a node's `start.line`.
    var lineOffset: Int

    func line(of node: DocumentNode) -> Int { node.start.line + lineOffset }
}

/// Splits assignment inputs into documents: YAML streams, single JSON objects, and JSON objects
/// written back to back, which is what a shell loop of `aws …` commands into one file produces.
enum AssignmentDocuments {
    /// Returns the documents, or the parse error with its line in the whole file.
    static func parse(_ bytes: [UInt8]) -> Result<[AssignmentDocument], DocumentParseError> {
        if let slices = concatenatedJSONValues(bytes), slices.count > 1 {
            var documents: [AssignmentDocument] = []
            for slice in slices {
                let lineOffset = bytes[..<slice.lowerBound].reduce(0) { $1 == ASCIIByte.lineFeed ? $0 + 1 : $0 }
                do {
                    for node in try DocumentParser.parse(Array(bytes[slice])) {
                        documents.append(AssignmentDocument(node: node, lineOffset: lineOffset))
                    }
                } catch {
                    var shifted = error
                    shifted.mark.line += lineOffset
                    return .failure(shifted)
                }
            }
            return .success(documents)
        }
        do {
            return .success(try DocumentParser.parse(bytes).map { AssignmentDocument(node: $0, lineOffset: 0) })
        } catch {
            return .failure(error)
        }
    }

    /// The byte ranges of the top-level values of a text made only of JSON objects and arrays, or
    /// nil when it is not one (YAML, or invalid JSON, which libyaml then reports with a line).
    private static func concatenatedJSONValues(_ bytes: [UInt8]) -> [Range<Int>]? {
        bytes.withUnsafeBytes { buffer -> [Range<Int>]? in
            var cursor = JSONCursor(buffer)
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { cursor.offset = 3 }
            var ranges: [Range<Int>] = []
            while true {
                cursor.skipWhitespace()
                if cursor.isAtEnd { return ranges }
                let start = cursor.offset
                guard cursor.peek() == ASCIIByte.openBrace || cursor.peek() == ASCIIByte.openBracket else { return nil }
                do {
                    try cursor.skipValue()
                } catch {
                    return nil
                }
                ranges.append(start..<cursor.offset)
            }
        }
    }
}

/// The reason one entry of an input was dropped.
struct FieldProblem: Error {
    let text: String
}

/// Typed field access on parsed documents, for the AWS CLI outputs and the `SSOAssignments` format.
enum AssignmentFields {
    /// The text of a scalar field, nil when missing or null. Numbers are accepted as text because an
    /// unquoted account id in YAML is a number.
    static func string(_ node: DocumentNode, _ key: String) throws(FieldProblem) -> String? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let text = value.scalarText else {
            throw FieldProblem(text: "\(key) is a \(value.kindName), not a string.")
        }
        return text
    }

    static func requiredString(_ node: DocumentNode, _ key: String) throws(FieldProblem) -> String {
        guard let text = try string(node, key), !text.isEmpty else {
            throw FieldProblem(text: "\(key) is missing.")
        }
        return text
    }

    /// A list of strings; nil when the field is missing or null.
    static func stringList(_ node: DocumentNode, _ key: String) throws(FieldProblem) -> [String]? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let items = value.sequenceItems else {
            throw FieldProblem(text: "\(key) is a \(value.kindName), not a list of strings.")
        }
        var texts: [String] = []
        for item in items {
            guard let text = item.scalarText else {
                throw FieldProblem(text: "\(key) contains a \(item.kindName), not only strings.")
            }
            texts.append(text)
        }
        return texts
    }

    /// A mapping of strings to strings (`tags`); empty when missing or null.
    static func stringMap(_ node: DocumentNode, _ key: String) throws(FieldProblem) -> [String: String] {
        guard let value = node[key], !value.isNull else { return [:] }
        guard let entries = value.mappingEntries else {
            throw FieldProblem(text: "\(key) is a \(value.kindName), not a mapping.")
        }
        var map: [String: String] = [:]
        for entry in entries {
            guard let name = entry.key.scalarText, let text = entry.value.scalarText else {
                throw FieldProblem(text: "\(key) contains a value that is not a string.")
            }
            map[name] = text
        }
        return map
    }

    /// Whether a text is a 12-digit AWS account id.
    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy(ASCIIByte.isDigit)
    }
}

/// Diagnostics of one input file.
struct AssignmentDiagnostics {
    let source: String
    var list: [Diagnostic] = []

    mutating func report(_ severity: DiagnosticSeverity, line: Int?, reason: String) {
        list.append(
            Diagnostic(severity: severity, source: source, line: line, problem: .invalidDocument(reason: reason)))
    }

    mutating func reportParseError(_ error: DocumentParseError) {
        report(.error, line: error.mark.line, reason: DocumentErrorText.describe(error))
    }

    mutating func reportUnknown(line: Int?) {
        list.append(Diagnostic(severity: .error, source: source, line: line, problem: .unknownFormat))
    }
}
