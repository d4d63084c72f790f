/// Inputs that are stored whole and read together at each resolution: they describe who people
/// are and what they were given, rather than what happened.
enum ReferenceDocumentKind: Equatable {
    /// SSO assignments or EKS access entries, in one of their file shapes.
    case assignments(AssignmentKind)
    /// An LDIF export of Active Directory (or another LDAP directory).
    case ldif
    /// A PowerShell `Export-Csv` of `Get-ADUser` or `Get-ADGroupMember`.
    case directoryCSV

    static let ldifName = "ldif"
    static let directoryCSVName = "directory-csv"

    var name: String {
        switch self {
        case .assignments(let kind): kind.rawValue
        case .ldif: Self.ldifName
        case .directoryCSV: Self.directoryCSVName
        }
    }

    /// Detects the kinds that other detectors would not recognise. LDIF is found by
    /// `InputKindDetector` and routed here by the ingest.
    static func detect(prefix: UnsafeRawBufferPointer) -> ReferenceDocumentKind? {
        if let kind = AssignmentKindDetector.detect(prefix: prefix) {
            return .assignments(kind)
        }
        if looksLikeDirectoryCSV(prefix) {
            return .directoryCSV
        }
        return nil
    }

    /// A first line `#TYPE Microsoft.ActiveDirectory…`, or a CSV header naming `DistinguishedName`
    /// and `SamAccountName` or `UserPrincipalName` (PowerShell 6 and later omit the `#TYPE` line).
    static func looksLikeDirectoryCSV(_ prefix: UnsafeRawBufferPointer) -> Bool {
        var text = String(decoding: prefix.prefix(4096), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(whereSeparator: \.isNewline).prefix(2).map { $0.lowercased() }
        guard let first = lines.first else { return false }
        if first.hasPrefix("#type microsoft.activedirectory") { return true }
        var header = first
        if first.hasPrefix("#type") {
            header = lines.count > 1 ? lines[1] : ""
        }
        return header.contains("distinguishedname")
            && (header.contains("samaccountname") || header.contains("userprincipalname"))
    }

    /// Parses a document alone, for its diagnostics and a count of what it holds.
    func check(_ bytes: [UInt8], source: String) -> (records: Int, diagnostics: [Diagnostic]) {
        switch self {
        case .assignments(let kind) where kind.isSSO:
            let result = SSOAssignmentParser.parse(bytes, source: source)
            return (result.inventory.assignments.count, result.diagnostics)
        case .assignments:
            let result = AccessEntryParser.parse(bytes, source: source)
            let inventory = result.inventory
            return (inventory.listed.count + inventory.described.count + inventory.policyLists.count, result.diagnostics)
        case .ldif:
            let result = LDIFParser.parse(bytes, source: source)
            return (result.directory.people.count + result.directory.groups.count, result.diagnostics)
        case .directoryCSV:
            let result = DirectoryCSVParser.parse(bytes, source: source)
            return (result.directory.people.count + result.directory.groups.count, result.diagnostics)
        }
    }
}
