/// A RoleBinding or a ClusterRoleBinding.
public struct RBACBinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case roleBinding = "RoleBinding"
        case clusterRoleBinding = "ClusterRoleBinding"
    }

    public var kind: Kind
    /// The RoleBinding's namespace, the only namespace it grants anything in; nil for a ClusterRoleBinding.
    public var namespace: String?
    public var name: String
    public var roleRef: RoleReference
    /// Empty when the object has no `subjects`, as the bootstrap `system:node` ClusterRoleBinding does.
    public var subjects: [RBACSubject]

    public init(kind: Kind, namespace: String? = nil, name: String, roleRef: RoleReference, subjects: [RBACSubject]) {
        self.kind = kind
        self.namespace = kind == .roleBinding ? namespace : nil
        self.name = name
        self.roleRef = roleRef
        self.subjects = subjects
    }
}

/// A binding's `roleRef`. A RoleBinding may name a Role (in its own namespace) or a ClusterRole; a
/// ClusterRoleBinding can only use a ClusterRole.
public struct RoleReference: Sendable, Hashable {
    public var kind: RBACRole.Kind
    public var name: String

    public init(kind: RBACRole.Kind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// One entry of a binding's `subjects`.
public struct RBACSubject: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case user = "User"
        case group = "Group"
        case serviceAccount = "ServiceAccount"
    }

    public var kind: Kind
    public var name: String
    /// The service account's namespace as written; nil for users, groups and for a service account that a
    /// RoleBinding leaves to default to its own namespace.
    public var namespace: String?

    public init(kind: Kind, name: String, namespace: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
}
