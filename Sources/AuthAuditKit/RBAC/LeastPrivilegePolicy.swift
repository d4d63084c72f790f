/// Suggested roles and bindings that grant a set of groups exactly the requests they made.
public struct LeastPrivilegePolicy: Sendable, Hashable {
    /// One Role per namespace, sorted by namespace, then the ClusterRole when some request was cluster-scoped.
    public var roles: [RBACRole]
    /// One binding per role, in the same order, binding it to the groups.
    public var bindings: [RBACBinding]

    /// Suggests roles named `name` for the `used` requests and binds them to `groups`.
    ///
    /// A namespaced request goes into a Role in its namespace with a RoleBinding. A request with an empty
    /// namespace (a cluster-scoped resource, a list across all namespaces, or a non-resource URL) can only
    /// be allowed by a ClusterRoleBinding, so it goes into the ClusterRole.
    public init(name: String, groups: [String], used: [UsedRequest], restrictingNames: Bool = true) {
        let subjects = groups.sorted().map { RBACSubject(kind: .group, name: $0) }
        var byNamespace: [String: [UsedRequest]] = [:]
        for request in used {
            let namespace = request.isResourceRequest ? request.namespace : ""
            byNamespace[namespace, default: []].append(request)
        }
        roles = []
        bindings = []
        for namespace in byNamespace.keys.sorted() where !namespace.isEmpty {
            let rules = LeastPrivilegeRules.rules(for: byNamespace[namespace] ?? [], restrictingNames: restrictingNames)
            roles.append(RBACRole(kind: .role, namespace: namespace, name: name, rules: rules))
            bindings.append(
                RBACBinding(
                    kind: .roleBinding, namespace: namespace, name: name,
                    roleRef: RoleReference(kind: .role, name: name), subjects: subjects))
        }
        if let clusterUsed = byNamespace[""] {
            let rules = LeastPrivilegeRules.rules(for: clusterUsed, restrictingNames: restrictingNames)
            roles.append(RBACRole(kind: .clusterRole, name: name, rules: rules))
            bindings.append(
                RBACBinding(
                    kind: .clusterRoleBinding, name: name, roleRef: RoleReference(kind: .clusterRole, name: name),
                    subjects: subjects))
        }
    }

    /// The roles and bindings as a multi-document YAML manifest for `kubectl apply -f`.
    public var manifest: String {
        RBACManifestWriter.manifest(roles: roles, bindings: bindings)
    }
}
