/// The reference documents in the store, parsed and joined for one resolution.
struct ReferenceDocuments {
    var directory: Directory?
    var assignments: SSOAssignmentSet?
    /// EKS access entries as an undated mapping version, when any were read.
    var accessEntryVersions: [MappingHistory.Version] = []
    var diagnostics: [Diagnostic] = []

    static let accessEntriesKind = "eks-access-entries"

    static func load(from store: AuditStore) throws -> ReferenceDocuments {
        var references = ReferenceDocuments()
        let directoryKinds: Set<String> = [ReferenceDocumentKind.ldifName, ReferenceDocumentKind.directoryCSVName]
        let ssoKinds = Set(AssignmentKind.allCases.filter(\.isSSO).map(\.rawValue))
        let accessKinds = Set(AssignmentKind.allCases.filter { !$0.isSSO }.map(\.rawValue))
        let documents = try store.documents(kinds: directoryKinds.union(ssoKinds).union(accessKinds))

        let exports = documents.filter { directoryKinds.contains($0.kind) }.map { document in
            document.kind == ReferenceDocumentKind.ldifName
                ? LDIFParser.parse(document.bytes, source: document.source).directory
                : DirectoryCSVParser.parse(document.bytes, source: document.source).directory
        }
        if !exports.isEmpty {
            references.directory = Directory(merging: exports)
        }

        // Each file's own problems were reported when it was read; only the join's are new here.
        let sso = documents.filter { ssoKinds.contains($0.kind) }.map { (bytes: $0.bytes, source: $0.source) }
        if !sso.isEmpty {
            let merged = mergeInventories(sso) { bytes, source in
                let result = SSOAssignmentParser.parse(bytes, source: source)
                return (result.inventory, result.diagnostics)
            }
            let joined = merged.inventory.joined()
            references.assignments = joined.assignments
            references.diagnostics += joined.diagnostics
        }

        let access = documents.filter { accessKinds.contains($0.kind) }.map { (bytes: $0.bytes, source: $0.source) }
        if !access.isEmpty {
            let merged = mergeInventories(access) { bytes, source in
                let result = AccessEntryParser.parse(bytes, source: source)
                return (result.inventory, result.diagnostics)
            }
            let joined = merged.inventory.joined()
            references.accessEntryVersions = [
                MappingHistory.Version(
                    kind: accessEntriesKind, effectiveAt: nil, mapping: AwsAuthMapping(accessEntries: joined.entries))
            ]
            references.diagnostics += joined.diagnostics
        }
        return references
    }
}
