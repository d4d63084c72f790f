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
        let sso = documents.filter { ssoKinds.contains($0.kind) }
        if !sso.isEmpty {
            var inventory = SSOInventory()
            for document in sso {
                inventory.merge(SSOAssignmentParser.parse(document.bytes, source: document.source).inventory)
            }
            let joined = inventory.joined()
            references.assignments = joined.assignments
            references.diagnostics += joined.diagnostics
        }

        let access = documents.filter { accessKinds.contains($0.kind) }
        if !access.isEmpty {
            var inventory = AccessEntryInventory()
            for document in access {
                inventory.merge(AccessEntryParser.parse(document.bytes, source: document.source).inventory)
            }
            let joined = inventory.joined()
            references.accessEntryVersions = [
                MappingHistory.Version(
                    kind: accessEntriesKind, effectiveAt: nil, mapping: AwsAuthMapping(accessEntries: joined.entries))
            ]
            references.diagnostics += joined.diagnostics
        }
        return references
    }
}
