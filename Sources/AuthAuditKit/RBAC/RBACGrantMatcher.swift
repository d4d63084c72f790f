/// Finds the grants that allow each request, as `RBACPolicy.allowingGrants(for:)` does, for many requests
/// from few users.
///
/// Whether a binding's subject names the requester depends only on the user, the groups and the binding,
/// so `candidates(user:groups:)` computes it once per identity. `grants(for:candidates:)` then checks
/// only those bindings' namespaces and rules. Grants are identified by positions instead of copies of the
/// binding and rule, which keeps hashing cheap.
struct RBACGrantMatcher {
    /// A grant as positions: the binding in `policy.bindings`, its subject and the rule in the role's rules.
    struct Grant: Hashable {
        var binding: Int
        var subjectIndex: Int
        var ruleIndex: Int
    }

    /// A binding whose subject at `subjectIndex` names the requester.
    struct Candidate {
        var binding: Int
        var subjectIndex: Int
    }

    let policy: RBACPolicy
    /// The rules of each binding's role, nil when the role does not exist.
    private let bindingRules: [[PolicyRule]?]

    init(policy: RBACPolicy) {
        self.policy = policy
        bindingRules = policy.bindings.map { policy.rules(of: $0.roleRef, bindingNamespace: $0.namespace) }
    }

    /// Returns the bindings whose first matching subject names this user, in binding order. Members of
    /// `system:masters` get none, because the apiserver allows their requests before RBAC is asked.
    func candidates(user: String, groups: [String]) -> [Candidate] {
        guard !groups.contains(RBACPolicy.privilegedGroup) else { return [] }
        let requester = RequestAttributes(user: user, groups: groups, verb: "", isResourceRequest: false)
        var candidates: [Candidate] = []
        for (index, binding) in policy.bindings.enumerated() where bindingRules[index] != nil {
            // A RoleBinding applies only to requests in its own namespace, which is the scope of its subjects.
            let scope = binding.kind == .roleBinding ? binding.namespace ?? "" : ""
            if let subjectIndex = binding.subjects.firstIndex(where: {
                RBACPolicy.subject($0, names: requester, in: scope)
            }) {
                candidates.append(Candidate(binding: index, subjectIndex: subjectIndex))
            }
        }
        return candidates
    }

    /// Returns every grant among `candidates` that allows the request, in binding and rule order.
    func grants(for request: RequestAttributes, candidates: [Candidate]) -> [Grant] {
        var grants: [Grant] = []
        for candidate in candidates {
            let binding = policy.bindings[candidate.binding]
            if binding.kind == .roleBinding {
                guard !request.namespace.isEmpty, binding.namespace == request.namespace else { continue }
            }
            guard let rules = bindingRules[candidate.binding] else { continue }
            for (ruleIndex, rule) in rules.enumerated() where rule.allows(request) {
                grants.append(Grant(binding: candidate.binding, subjectIndex: candidate.subjectIndex, ruleIndex: ruleIndex))
            }
        }
        return grants
    }
}
