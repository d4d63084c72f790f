/// The state of one `DirectoryCSVParser.parse` call: the column layout and what was read so far.
struct DirectoryCSVReader {
    /// Header names (lower-cased) to the entry attribute they fill.
    private static let columnAttributes: [String: String] = [
        "samaccountname": "samaccountname",
        "userprincipalname": "userprincipalname",
        "mail": "mail",
        "emailaddress": "mail",
        "displayname": "displayname",
        "name": "name",
        "enabled": "enabled",
        "useraccountcontrol": "useraccountcontrol",
        "objectclass": "objectclass",
        "memberof": "memberof",
        "member": "member",
        "members": "member",
    ]
    private static let multiValued: Set<String> = ["memberof", "member"]

    let source: String
    let assumedKind: DirectoryEntryKind?
    private var diagnostics: [Diagnostic] = []
    private var people: [DirectoryPerson] = []
    private var groups: [DirectoryGroup] = []
    private var columnCount = 0
    private var dnColumn: Int?
    private var groupColumn: Int?
    private var groupFromFileName: String?
    /// Column index to the attribute it fills.
    private var attributes: [(column: Int, attribute: String, header: String)] = []
    /// Header of each column that held the lost-values marker, with its first line and row count.
    private var lostValues: [String: (line: Int, rows: Int)] = [:]
    /// Groups named by name only, by lower-cased name.
    private var namedGroups: [String: DirectoryGroup] = [:]

    init(source: String, assumedKind: DirectoryEntryKind?) {
        self.source = source
        self.assumedKind = assumedKind
    }

    mutating func report(_ severity: DiagnosticSeverity, line: Int, _ reason: String) {
        diagnostics.append(
            Diagnostic(severity: severity, source: source, line: line, problem: .invalidDocument(reason: reason)))
    }

    mutating func readHeader(_ header: CSVRecord, groupFromFileName: String?) {
        columnCount = header.fields.count
        for (column, field) in header.fields.enumerated() {
            let name = field.trimmingWhitespace().lowercased()
            if name == "distinguishedname" {
                dnColumn = column
            } else if name == "group" {
                groupColumn = column
            } else if let attribute = Self.columnAttributes[name] {
                attributes.append((column, attribute, field.trimmingWhitespace()))
            }
        }
        self.groupFromFileName = groupColumn == nil ? groupFromFileName : nil
        if dnColumn == nil {
            report(
                .error, line: header.line,
                "The header row has no DistinguishedName column, so no row can be read; "
                    + "export with Select-Object DistinguishedName, SamAccountName, UserPrincipalName, … .")
        }
    }

    mutating func readRow(_ record: CSVRecord) {
        guard let dnColumn else { return }
        guard record.fields.count == columnCount else {
            report(
                .error, line: record.line,
                "The row has \(record.fields.count) fields but the header has \(columnCount); the row was skipped.")
            return
        }
        let dn = record.fields[dnColumn].trimmingWhitespace()
        guard !dn.isEmpty else {
            report(.error, line: record.line, "The row has no DistinguishedName; it was skipped.")
            return
        }
        var entry = DirectoryEntry(dn: dn, line: record.line)
        for (column, attribute, header) in attributes {
            let value = record.fields[column]
            if value.trimmingWhitespace() == DirectoryCSVParser.lostValuesMarker {
                lostValues[header, default: (record.line, 0)].rows += 1
                continue
            }
            let values = Self.multiValued.contains(attribute) ? Self.splitValues(value) : [value.trimmingWhitespace()]
            for value in values where !value.isEmpty {
                entry.append(value, to: attribute)
            }
        }
        if let groupDN = groupDN(for: record) {
            entry.append(groupDN, to: "memberof")
        }

        var problems: [String] = []
        let object = entry.classify(assuming: assumedKind, problems: &problems)
        for problem in problems {
            report(.warning, line: record.line, problem)
        }
        switch object {
        case .person(let person): people.append(person)
        case .group(let group): groups.append(group)
        case nil: break
        }
    }

    /// Returns the DN of the group the row is a member of, from the `Group` column or the file name.
    private mutating func groupDN(for record: CSVRecord) -> String? {
        let named = groupColumn.map { record.fields[$0].trimmingWhitespace() } ?? groupFromFileName
        guard let named, !named.isEmpty else { return nil }
        if named.contains("=") {
            return named
        }
        let group =
            namedGroups[named.lowercased()] ?? DirectoryGroup(dn: "CN=" + DistinguishedName.escape(named), name: named)
        namedGroups[named.lowercased()] = group
        return group.dn
    }

    /// Splits a multi-valued field at unescaped `;`, `|` and line ends.
    static func splitValues(_ field: String) -> [String] {
        var values: [String] = []
        var current = ""
        var isEscaped = false
        for character in field {
            if isEscaped {
                current.append(character)
                isEscaped = false
            } else if character == "\\" {
                current.append(character)
                isEscaped = true
            } else if character == ";" || character == "|" || character == "\n" || character == "\r\n"
                || character == "\r"
            {
                values.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        values.append(current.trimmingWhitespace())
        return values.filter { !$0.isEmpty }
    }

    mutating func finish() -> DirectoryParseResult {
        for (header, lost) in lostValues.sorted(by: { $0.value.line < $1.value.line }) {
            report(
                .warning, line: lost.line,
                "The \(header) column holds \"\(DirectoryCSVParser.lostValuesMarker)\" in \(lost.rows) rows: "
                    + "the export lost those values. Export them joined, for example "
                    + "@{n='\(header)'; e={$_.\(header) -join ';'}}.")
        }
        let directory = Directory(people: people, groups: groups + namedGroups.values.sorted { $0.name < $1.name })
        return DirectoryParseResult(directory: directory, diagnostics: diagnostics)
    }
}
