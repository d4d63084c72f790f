/// Computes the rules of aggregated ClusterRoles as kubernetes' aggregation controller does
/// (`pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go`).
///
/// For each selector in order, the controller lists the ClusterRoles whose labels match, sorted by name and
/// skipping the aggregated role itself, and appends every rule not already present. It reads the current
/// rules of the matched roles, so nested aggregation (`admin` takes `edit`, which takes `view`) settles after
/// a few passes. Here a matched aggregated role contributes its own resolved rules directly.
enum ClusterRoleAggregation {
    static func resolve(_ clusterRoles: [RBACRole]) -> [String: [PolicyRule]] {
        let byName = Dictionary(clusterRoles.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        let sortedNames = byName.keys.sorted()
        var resolved: [String: [PolicyRule]] = [:]
        var inProgress: Set<String> = []

        func rules(of name: String) -> [PolicyRule] {
            if let done = resolved[name] { return done }
            guard let role = byName[name] else { return [] }
            // A live cluster's dump already contains the controller's result, so only empty aggregated roles (as in
            // bootstrap manifests) need computing.
            guard let selectors = role.aggregationSelectors, role.rules.isEmpty else {
                resolved[name] = role.rules
                return role.rules
            }
            // NOTE: In a cycle of aggregated roles the role under construction contributes no rules, while the
            // controller's repeated passes would converge to the union of the cycle.
            guard !inProgress.contains(name) else { return [] }
            inProgress.insert(name)
            var union: [PolicyRule] = []
            var present: Set<PolicyRule> = []
            for selector in selectors {
                for candidate in sortedNames where candidate != name {
                    guard let other = byName[candidate], selector.matches(other.labels) else { continue }
                    for rule in rules(of: candidate) where !present.contains(rule) {
                        present.insert(rule)
                        union.append(rule)
                    }
                }
            }
            inProgress.remove(name)
            resolved[name] = union
            return union
        }

        for name in sortedNames {
            _ = rules(of: name)
        }
        return resolved
    }
}
