/// The Roles, ClusterRoles and bindings of one cluster, with aggregated ClusterRoles resolved.
///
/// This is the data that kubernetes' RBAC authorizer (`plugin/pkg/auth/authorizer/rbac/rbac.go`) reads
/// through its listers; `allowingGrants(for:)` and `authorize(_:)` evaluate requests against it.
public struct RBACPolicy: Sendable {
    public let roles: [RBACRole]
    /// ClusterRoleBindings first, then RoleBindings, each sorted by namespace and name, so results are stable.
    public let bindings: [RBACBinding]

    private let rolesByKey: [RoleKey: Int]
    /// The rules in force for each ClusterRole, with aggregation applied.
    private let clusterRoleRules: [String: [PolicyRule]]

    struct RoleKey: Hashable {
        var kind: RBACRole.Kind
        var namespace: String?
        var name: String
    }

    /// Builds the policy. When two objects share kind, namespace and name, the later one wins.
    public init(roles: [RBACRole], bindings: [RBACBinding]) {
        var keyed: [RoleKey: Int] = [:]
        var unique: [RBACRole] = []
        for role in roles {
            let key = RoleKey(kind: role.kind, namespace: role.namespace, name: role.name)
            if let index = keyed[key] {
                unique[index] = role
            } else {
                keyed[key] = unique.count
                unique.append(role)
            }
        }
        self.roles = unique
        self.rolesByKey = keyed
        self.clusterRoleRules = ClusterRoleAggregation.resolve(unique.filter { $0.kind == .clusterRole })
        self.bindings = Self.ordered(bindings)
    }

    public init(objects: [RBACObject]) {
        var roles: [RBACRole] = []
        var bindings: [RBACBinding] = []
        for object in objects {
            switch object {
            case .role(let role): roles.append(role)
            case .binding(let binding): bindings.append(binding)
            }
        }
        self.init(roles: roles, bindings: bindings)
    }

    private static func ordered(_ bindings: [RBACBinding]) -> [RBACBinding] {
        var seen: [String: Int] = [:]
        var unique: [RBACBinding] = []
        for binding in bindings {
            let key = "\(binding.kind.rawValue)/\(binding.namespace ?? "")/\(binding.name)"
            if let index = seen[key] {
                unique[index] = binding
            } else {
                seen[key] = unique.count
                unique.append(binding)
            }
        }
        return unique.sorted { lhs, rhs in
            if lhs.kind != rhs.kind { return lhs.kind == .clusterRoleBinding }
            if lhs.namespace != rhs.namespace { return (lhs.namespace ?? "") < (rhs.namespace ?? "") }
            return lhs.name < rhs.name
        }
    }

    public func role(_ reference: RoleReference, namespace: String?) -> RBACRole? {
        let key = RoleKey(
            kind: reference.kind, namespace: reference.kind == .role ? namespace : nil, name: reference.name)
        return rolesByKey[key].map { roles[$0] }
    }

    /// Returns the rules a binding's `roleRef` brings, or nil when the role does not exist.
    ///
    /// A Role is looked up in the binding's namespace; a ClusterRole's rules include aggregation.
    public func rules(of reference: RoleReference, bindingNamespace: String?) -> [PolicyRule]? {
        switch reference.kind {
        case .clusterRole:
            return clusterRoleRules[reference.name]
        case .role:
            guard let namespace = bindingNamespace else { return nil }
            return role(reference, namespace: namespace)?.rules
        }
    }

    /// Returns the rules in force for a role: its own, or for an aggregated ClusterRole the aggregated ones.
    public func effectiveRules(of role: RBACRole) -> [PolicyRule] {
        rules(of: role.reference, bindingNamespace: role.namespace) ?? role.rules
    }

    /// Bindings whose `roleRef` names no existing role. The authorizer records an error for each and grants
    /// nothing through them.
    public var unresolvedBindings: [RBACBinding] {
        bindings.filter { rules(of: $0.roleRef, bindingNamespace: $0.namespace) == nil }
    }
}
