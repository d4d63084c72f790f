/// The reason an object could not be read as a Role, ClusterRole, RoleBinding or ClusterRoleBinding.
public struct RBACParseError: Error, Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The object is not a mapping.
        case notAnObject(found: String)
        case unsupportedKind(String)
        /// `apiVersion` is present but is not one of `RBACObjectParser.supportedAPIVersions`.
        case unsupportedAPIVersion(String)
        case missingField(path: String)
        /// A field has the wrong shape; `expected` and `found` are `DocumentNode.kindName` words.
        case wrongType(path: String, expected: String, found: String)
        case unknownSubjectKind(path: String, kind: String)
        case unknownRoleReferenceKind(String)
        /// A ClusterRoleBinding's `roleRef` names a Role, which the API server rejects.
        case clusterRoleBindingToRole
        case unknownSelectorOperator(path: String, operator: String)
    }

    /// The object's kind and name when they could be read, to say which object failed.
    public var kind: String?
    public var namespace: String?
    public var name: String?
    /// The start of the object in its document.
    public var mark: DocumentMark
    public var problem: Problem

    public init(kind: String?, namespace: String?, name: String?, mark: DocumentMark, problem: Problem) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.mark = mark
        self.problem = problem
    }
}
