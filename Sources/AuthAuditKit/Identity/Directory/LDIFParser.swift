/// Reads people and groups from LDIF (RFC 2849) as OpenLDAP's `ldapsearch` prints it.
///
/// Accepted beyond plain content records:
/// - the `ldapsearch` wrapper: `#` comments, the `search: N` / `result: 0 Success` trailer, and
///   `ref:` search references (Active Directory's referrals to DomainDnsZones and ForestDnsZones),
///   which are skipped;
/// - folded lines, `::` base64 values (also `dn::`), and attribute options: all ranges of a
///   ranged attribute (`member;range=0-1499`, `member;range=1500-*`) are collected into `member`;
/// - the same DN in several records, as a second `ldapsearch` for the next `member` range gives: the
///   records are merged.
///
/// `:<` URL values are not fetched; each gives a note. A record that cannot be read gives an error
/// and the other records are kept. A `result:` other than 0 (for example `4 Size limit exceeded`)
/// gives a warning, because the export then lacks entries.
public enum LDIFParser {
    public static func parse(_ bytes: [UInt8], source: String) -> DirectoryParseResult {
        var reader = LDIFRecordReader(source: source)
        let (lines, strays) = LDIFLines.unfold(bytes)
        for line in strays {
            reader.report(.error, line: line, "The line starts with a space but follows no line it could continue.")
        }
        var record: [LDIFLine] = []
        for line in lines {
            if line.isBlank {
                reader.read(record)
                record = []
            } else {
                record.append(line)
            }
        }
        reader.read(record)
        return reader.finish()
    }

    public static func parse(_ text: String, source: String) -> DirectoryParseResult {
        parse(Array(text.utf8), source: source)
    }
}

/// The state of one `LDIFParser.parse` call.
struct LDIFRecordReader {
    let source: String
    private var people: [DirectoryPerson] = []
    private var groups: [DirectoryGroup] = []
    private var diagnostics: [Diagnostic] = []
    private var isFirstRecord = true
    /// Per DN key, the end of the last `member` range seen and its line, until the `*` range comes.
    private var openRanges: [String: (dn: String, high: Int, line: Int)] = [:]

    init(source: String) {
        self.source = source
    }

    mutating func report(_ severity: DiagnosticSeverity, line: Int, _ reason: String) {
        diagnostics.append(
            Diagnostic(severity: severity, source: source, line: line, problem: .invalidDocument(reason: reason)))
    }

    /// Reads one record: the lines between two blank lines.
    mutating func read(_ record: [LDIFLine]) {
        var lines = record[...]
        if isFirstRecord, !lines.isEmpty {
            isFirstRecord = false
            if case .success(let first) = LDIFAttributeLine.parse(lines[lines.startIndex].bytes),
                first.name == "version"
            {
                lines = lines.dropFirst()
            }
        }
        guard let first = lines.first else { return }
        switch LDIFAttributeLine.parse(first.bytes) {
        case .success(let attribute) where attribute.name == "dn":
            readEntry(dn: attribute, lines: lines)
        case .success(let attribute) where attribute.name == "search" || attribute.name == "ref":
            readTrailer(lines)
        case .success(let attribute):
            report(
                .error, line: first.number,
                "The record starts with \"\(attribute.name):\" instead of \"dn:\"; it was skipped.")
        case .failure(let error):
            report(.error, line: first.number, error.reason + " The record was skipped.")
        }
    }

    /// Checks `result:` of the `ldapsearch` trailer; search references need nothing.
    private mutating func readTrailer(_ lines: ArraySlice<LDIFLine>) {
        for line in lines {
            guard case .success(let attribute) = LDIFAttributeLine.parse(line.bytes), attribute.name == "result",
                case .bytes(let value) = attribute.value
            else { continue }
            let text = String(decoding: value, as: UTF8.self)
            if text.split(separator: " ").first != "0" {
                report(
                    .warning, line: line.number, "ldapsearch ended with \"result: \(text)\"; the export is incomplete.")
            }
        }
    }

    private mutating func readEntry(dn dnLine: LDIFAttributeLine, lines: ArraySlice<LDIFLine>) {
        guard case .bytes(let dnBytes) = dnLine.value else {
            report(.error, line: lines[lines.startIndex].number, "The DN is given as a URL; the record was skipped.")
            return
        }
        let dn = String(decoding: dnBytes, as: UTF8.self)
        var entry = DirectoryEntry(dn: dn, line: lines[lines.startIndex].number)
        for line in lines.dropFirst() {
            let attribute: LDIFAttributeLine
            switch LDIFAttributeLine.parse(line.bytes) {
            case .success(let parsed):
                attribute = parsed
            case .failure(let error):
                report(.error, line: line.number, error.reason + " The entry \(dn) was skipped.")
                return
            }
            guard accept(attribute, of: &entry, line: line.number) else { return }
        }
        guard !dn.isEmpty else { return }  // the root DSE
        var problems: [String] = []
        let object = entry.classify(assuming: nil, problems: &problems)
        for problem in problems {
            report(.warning, line: entry.line, problem)
        }
        switch object {
        case .person(let person): people.append(person)
        case .group(let group): groups.append(group)
        case nil: break
        }
    }

    /// Adds one attribute line to the entry; returns false when the whole record must be skipped.
    private mutating func accept(_ attribute: LDIFAttributeLine, of entry: inout DirectoryEntry, line: Int) -> Bool {
        switch attribute.value {
        case .url(let url):
            report(
                .note, line: line, "The \(attribute.name) value of \(entry.dn) refers to \(url), which was not read.")
        case .bytes(let bytes) where attribute.name == "changetype":
            let value = String(decoding: bytes, as: UTF8.self)
            if value.lowercased() != "add" {
                report(
                    .error, line: line,
                    "\"changetype: \(value)\" records describe changes, not entries; \(entry.dn) was skipped.")
                return false
            }
        case .bytes(let bytes) where DirectoryEntry.attributeNames.contains(attribute.name):
            entry.append(String(decoding: bytes, as: UTF8.self), to: attribute.name)
        case .bytes:
            break
        }
        if attribute.name == "member", let range = attribute.range {
            noteRange(range, of: entry.dn, line: line)
        }
        return true
    }

    private mutating func noteRange(_ range: (low: Int, high: Int?), of dn: String, line: Int) {
        let key = DistinguishedName.key(dn)
        if let high = range.high {
            openRanges[key] = (dn, high, line)
        } else {
            openRanges[key] = nil
        }
    }

    /// Returns the result, with a warning for every group whose last `member` range is missing.
    mutating func finish() -> DirectoryParseResult {
        for (_, open) in openRanges.sorted(by: { $0.value.line < $1.value.line }) {
            let next = open.high + 1
            report(
                .warning, line: open.line,
                "The members of \(open.dn) end at the range ending at \(open.high); request member;range=\(next)-* "
                    + "for the rest, unless another export holds them.")
        }
        return DirectoryParseResult(directory: Directory(people: people, groups: groups), diagnostics: diagnostics)
    }
}
