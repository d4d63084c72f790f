/// Reads people and groups from a PowerShell `Export-Csv` of `Get-ADUser`, `Get-ADGroup` or
/// `Get-ADGroupMember` output.
///
/// The file may start with a UTF-8 byte order mark and a `#TYPE Microsoft.ActiveDirectory.Management.ADUser`
/// line (Windows PowerShell 5.1 writes one unless `-NoTypeInformation`). The header row names the
/// columns, matched ignoring case. The delimiter is `,`, or `;` when the header has more of those
/// (`-UseCulture`, `-Delimiter ';'`).
///
/// `DistinguishedName` is required. These columns are read when present:
/// - `SamAccountName`, `UserPrincipalName`, `mail` or `EmailAddress`, `DisplayName`, `Name`;
/// - `Enabled` (`True`/`False`) and `userAccountControl`;
/// - `ObjectClass` (`user`, `group`, `computer`). Without it, rows are people, unless the `#TYPE` line
///   names `ADGroup`, `ADComputer` or `ADPrincipal` (then a row with `Member` values is a group).
/// - `MemberOf`, and `Member` or `Members`, holding DNs joined with `;`, `|` or line ends (`-join ';'`).
///
/// A multi-valued value that is the type name `Microsoft.ActiveDirectory.Management.ADPropertyValueCollection`
/// means the export lost the values, and gives one warning per column.
///
/// A `Get-ADGroupMember` export has no column naming the group. It is named, in this order, by:
/// - a `Group` column, holding the group's DN or its name, for example added with
///   `Select-Object *, @{n='Group'; e={'AWS-EKS-Dev'}}`;
/// - a file name ending in `.members.csv`: `AWS-EKS-Dev.members.csv` holds the members of `AWS-EKS-Dev`.
/// A group named by name is matched to the group of that name from other exports when a `Directory`
/// merges them (see `Directory`).
public enum DirectoryCSVParser {
    static let lostValuesMarker = "Microsoft.ActiveDirectory.Management.ADPropertyValueCollection"

    public static func parse(_ bytes: [UInt8], source: String) -> DirectoryParseResult {
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = text.dropFirst(3)
        }
        var firstLine = 1
        var typeName: String?
        if text.starts(with: Array("#TYPE".utf8)) {
            let end = text.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            typeName = String(decoding: text[text.startIndex..<end].dropFirst(5), as: UTF8.self).trimmingWhitespace()
            text = text[end...].dropFirst()
            firstLine = 2
        }
        let delimiter = CSVRecords.detectDelimiter(text)
        let (records, unterminatedLine) = CSVRecords.split(text, delimiter: delimiter, firstLine: firstLine)

        var reader = DirectoryCSVReader(source: source, assumedKind: assumedKind(typeName))
        if let unterminatedLine {
            reader.report(
                .error, line: unterminatedLine, "A quoted field starts here and is never closed; the row was skipped.")
        }
        guard let header = records.first else {
            return reader.finish()
        }
        reader.readHeader(header, groupFromFileName: groupName(fromFileName: source))
        for record in records.dropFirst() {
            reader.readRow(record)
        }
        return reader.finish()
    }

    public static func parse(_ text: String, source: String) -> DirectoryParseResult {
        parse(Array(text.utf8), source: source)
    }

    /// Returns the kind of rows without an `ObjectClass` value or a `Member` column, from the `#TYPE` line.
    /// Without that line the rows are taken for people, as `Get-ADUser` exports are the common case.
    private static func assumedKind(_ typeName: String?) -> DirectoryEntryKind? {
        guard let typeName else { return .person }
        switch typeName.split(separator: ".").last?.lowercased() {
        case "aduser": return .person
        case "adgroup": return .group
        case "adcomputer": return .other
        default: return nil  // ADPrincipal (Get-ADGroupMember) rows are users or groups
        }
    }

    /// Returns `AWS-EKS-Dev` for `…/AWS-EKS-Dev.members.csv`, ignoring case; nil for other names.
    static func groupName(fromFileName path: String) -> String? {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let suffix = ".members.csv"
        guard fileName.lowercased().hasSuffix(suffix), fileName.count > suffix.count else { return nil }
        return String(fileName.dropLast(suffix.count))
    }
}
