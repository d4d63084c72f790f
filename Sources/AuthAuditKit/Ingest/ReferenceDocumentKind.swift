/// Inputs that are stored whole and read together at each resolution: they describe who people
/// are and what they were given, rather than what happened.
enum ReferenceDocumentKind: Equatable {
    /// SSO assignments or EKS access entries, in one of their file shapes.
    case assignments(AssignmentKind)

    var name: String {
        switch self {
        case .assignments(let kind): kind.rawValue
        }
    }

    static func detect(prefix: UnsafeRawBufferPointer) -> ReferenceDocumentKind? {
        if let kind = AssignmentKindDetector.detect(prefix: prefix) {
            return .assignments(kind)
        }
        return nil
    }

    /// Parses a document alone, for its diagnostics and a count of what it holds.
    func check(_ bytes: [UInt8], source: String) -> (records: Int, diagnostics: [Diagnostic]) {
        switch self {
        case .assignments(let kind) where kind.isSSO:
            let result = SSOAssignmentParser.parse(bytes, source: source)
            return (result.inventory.assignments.count, result.diagnostics)
        case .assignments:
            let result = AccessEntryParser.parse(bytes, source: source)
            return (result.inventory.listed.count + result.inventory.described.count + result.inventory.policyLists.count, result.diagnostics)
        }
    }
}
