/// A Role or a ClusterRole.
public struct RBACRole: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case role = "Role"
        case clusterRole = "ClusterRole"
    }

    public var kind: Kind
    /// The Role's namespace; nil for a ClusterRole.
    public var namespace: String?
    public var name: String
    /// The rules as written in the object. An aggregated ClusterRole from a bootstrap manifest has none
    /// (`rules: null`); `RBACPolicy` fills them in from its selectors.
    public var rules: [PolicyRule]
    public var labels: [String: String]
    /// The `aggregationRule.clusterRoleSelectors` of a ClusterRole, or nil when it has no aggregation rule.
    public var aggregationSelectors: [LabelSelector]?

    public init(
        kind: Kind, namespace: String? = nil, name: String, rules: [PolicyRule], labels: [String: String] = [:],
        aggregationSelectors: [LabelSelector]? = nil
    ) {
        self.kind = kind
        self.namespace = kind == .role ? namespace : nil
        self.name = name
        self.rules = rules
        self.labels = labels
        self.aggregationSelectors = aggregationSelectors
    }

    public var reference: RoleReference { RoleReference(kind: kind, name: name) }
}
