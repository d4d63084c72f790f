/// One entry of a Role's or ClusterRole's `rules` list, as stored in `rbac.authorization.k8s.io`.
///
/// Each list keeps the order and spelling of the source, because RBAC compares strings exactly: `""` is the
/// core API group, `*` is the wildcard, and `pods/log` names a subresource.
public struct PolicyRule: Sendable, Hashable {
    public var verbs: [String]
    public var apiGroups: [String]
    public var resources: [String]
    public var resourceNames: [String]
    public var nonResourceURLs: [String]

    public init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = []
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }
}

/// The wildcard that RBAC accepts in verbs, API groups, resources and non-resource URLs.
let rbacWildcard = "*"
