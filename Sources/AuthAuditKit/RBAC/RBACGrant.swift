/// One way a request is allowed: a binding whose subject is the requester, the role it references, and the
/// rule of that role that matches.
public struct RBACGrant: Sendable, Hashable {
    public var binding: RBACBinding
    /// The index into `binding.subjects` of the first subject that names the requester.
    public var subjectIndex: Int
    public var role: RoleReference
    /// The index of the matching rule in the role's effective rules (aggregated rules for an aggregated
    /// ClusterRole).
    public var ruleIndex: Int
    public var rule: PolicyRule

    public init(binding: RBACBinding, subjectIndex: Int, role: RoleReference, ruleIndex: Int, rule: PolicyRule) {
        self.binding = binding
        self.subjectIndex = subjectIndex
        self.role = role
        self.ruleIndex = ruleIndex
        self.rule = rule
    }

    public var subject: RBACSubject { binding.subjects[subjectIndex] }

    /// The `authorization.k8s.io/reason` audit annotation the RBAC authorizer writes when this grant is the
    /// first it finds, for comparison with logged events. The format follows the describers in kubernetes
    /// `pkg/registry/rbac/validation/rule.go`: a RoleBinding is named `name/namespace`, and so is a
    /// service account subject.
    public var auditReason: String {
        let bindingName: String
        switch binding.kind {
        case .clusterRoleBinding: bindingName = binding.name
        case .roleBinding: bindingName = binding.name + "/" + (binding.namespace ?? "")
        }
        let subjectName: String
        switch subject.kind {
        case .serviceAccount:
            subjectName = subject.name + "/" + (subject.namespace ?? binding.namespace ?? "")
        case .user, .group:
            subjectName = subject.name
        }
        return "RBAC: allowed by \(binding.kind.rawValue) \(quoted(bindingName)) of \(role.kind.rawValue) "
            + "\(quoted(role.name)) to \(subject.kind.rawValue) \(quoted(subjectName))"
    }

    /// Go's `%q` for the printable ASCII names Kubernetes allows here.
    private func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}

/// The outcome of authorizing a request with the privileged-group authorizer and RBAC, in the order the
/// kube-apiserver runs them.
public enum AuthorizationVerdict: Sendable, Hashable {
    /// The requester is in `system:masters`, which kubernetes' privileged-group authorizer
    /// (`k8s.io/apiserver/pkg/authorization/authorizerfactory/builtin.go`) allows before RBAC is asked.
    case allowedByPrivilegedGroup
    /// RBAC allows the request through every one of these grants.
    case allowedByRBAC([RBACGrant])
    /// RBAC has no rule for the request. Another authorizer (Node, webhook, EKS access policies) may still
    /// allow it, so this is not a denial by itself.
    case noOpinion
}
