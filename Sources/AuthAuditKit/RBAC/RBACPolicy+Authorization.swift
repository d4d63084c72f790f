/// Request evaluation, following `VisitRulesFor` in kubernetes `pkg/registry/rbac/validation/rule.go`.
extension RBACPolicy {
    /// The group that kubernetes' privileged-group authorizer allows everything.
    public static let privilegedGroup = "system:masters"

    /// Returns every grant that allows the request, ClusterRoleBindings first.
    ///
    /// The RBAC authorizer stops at the first grant and names only that one in its audit reason. This returns
    /// all of them, so that a report can tell which bindings a request actually needed. RoleBindings count only
    /// for a request in their own namespace, also when they reference a ClusterRole; a cluster-scoped
    /// request (empty namespace) is allowed by ClusterRoleBindings alone.
    public func allowingGrants(for request: RequestAttributes) -> [RBACGrant] {
        var grants: [RBACGrant] = []
        for binding in bindings {
            let scope: String
            switch binding.kind {
            case .clusterRoleBinding:
                scope = ""
            case .roleBinding:
                guard !request.namespace.isEmpty, binding.namespace == request.namespace else { continue }
                scope = request.namespace
            }
            guard let subjectIndex = binding.subjects.firstIndex(where: { Self.subject($0, names: request, in: scope) })
            else { continue }
            guard let rules = rules(of: binding.roleRef, bindingNamespace: binding.namespace) else { continue }
            for (ruleIndex, rule) in rules.enumerated() where rule.allows(request) {
                grants.append(
                    RBACGrant(
                        binding: binding, subjectIndex: subjectIndex, role: binding.roleRef, ruleIndex: ruleIndex,
                        rule: rule))
            }
        }
        return grants
    }

    /// Runs the privileged-group check and then RBAC.
    public func authorize(_ request: RequestAttributes) -> AuthorizationVerdict {
        if request.groups.contains(Self.privilegedGroup) { return .allowedByPrivilegedGroup }
        let grants = allowingGrants(for: request)
        return grants.isEmpty ? .noOpinion : .allowedByRBAC(grants)
    }

    /// Returns whether a subject names the requester (`appliesToUser` in kubernetes). A service account subject
    /// without a namespace takes the RoleBinding's namespace and matches no user in a ClusterRoleBinding.
    /// Groups such as `system:authenticated` or `system:serviceaccounts:<namespace>` are ordinary groups
    /// here: they match when the authenticator put them in the request's groups.
    static func subject(_ subject: RBACSubject, names request: RequestAttributes, in scope: String) -> Bool {
        switch subject.kind {
        case .user:
            return subject.name == request.user
        case .group:
            return request.groups.contains(subject.name)
        case .serviceAccount:
            let namespace = subject.namespace ?? scope
            guard !namespace.isEmpty else { return false }
            return request.user == serviceAccountUsername(namespace: namespace, name: subject.name)
        }
    }

    /// Returns the username a service account authenticates as.
    public static func serviceAccountUsername(namespace: String, name: String) -> String {
        "system:serviceaccount:\(namespace):\(name)"
    }
}
