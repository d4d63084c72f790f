/// Builds the smallest set of rules that allows a given set of requests and nothing of another kind.
///
/// Rules carry one API group each, list subresources explicitly and use no wildcards. Verbs of the same
/// resource are merged first, then resources of one group whose verbs (and names) are identical.
public enum LeastPrivilegeRules {
    /// Verbs whose requests the synthesis never restricts by name. `create` on a collection and
    /// `deletecollection` carry no name at all. `list` and `watch` carry one only when the client sends a
    /// `metadata.name` field selector, which a later run of the same client may not do.
    public static let verbsWithoutResourceNames: Set<String> = ["create", "list", "watch", "deletecollection"]

    /// The order in which verbs are written, the way kubernetes' own roles list them; others follow sorted.
    static let verbOrder = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]

    /// The rules for `used`, ignoring namespaces (scope is chosen by `LeastPrivilegePolicy`).
    ///
    /// With `restrictingNames`, a verb used only on named objects (`get`, `update`, `patch`, `delete` …) is
    /// limited to those names through `resourceNames`. A verb used once without a name allows every name.
    public static func rules(for used: [UsedRequest], restrictingNames: Bool = true) -> [PolicyRule] {
        resourceRules(used.filter(\.isResourceRequest), restrictingNames: restrictingNames)
            + nonResourceRules(used.filter { !$0.isResourceRequest })
    }

    private struct ResourceKey: Hashable {
        var apiGroup: String
        var resource: String
    }

    /// The names a verb needs on one resource, or nil for every name.
    private typealias NameSet = Set<String>?

    private struct RuleKey: Hashable {
        var apiGroup: String
        var verbs: [String]
        var names: [String]
    }

    private static func resourceRules(_ used: [UsedRequest], restrictingNames: Bool) -> [PolicyRule] {
        var namesByVerb: [ResourceKey: [String: NameSet]] = [:]
        for request in used {
            let key = ResourceKey(apiGroup: request.apiGroup, resource: request.combinedResource)
            let named = restrictingNames && !request.name.isEmpty && !verbsWithoutResourceNames.contains(request.verb)
            var verbs = namesByVerb[key, default: [:]]
            switch verbs[request.verb] {
            case .none:
                verbs[request.verb] = named ? [request.name] : .some(nil)
            case .some(.none):
                break
            case .some(.some(var names)):
                if named {
                    names.insert(request.name)
                    verbs[request.verb] = names
                } else {
                    verbs[request.verb] = .some(nil)
                }
            }
            namesByVerb[key] = verbs
        }

        // Verbs of one resource that need the same names share a rule; resources with equal verbs and
        // names then share it too.
        var resourcesByRule: [RuleKey: [String]] = [:]
        for (key, verbs) in namesByVerb {
            var verbsByNames: [[String]: [String]] = [:]
            for (verb, names) in verbs {
                verbsByNames[names.map { $0.sorted() } ?? [], default: []].append(verb)
            }
            for (names, verbs) in verbsByNames {
                let ruleKey = RuleKey(apiGroup: key.apiGroup, verbs: orderedVerbs(verbs), names: names)
                resourcesByRule[ruleKey, default: []].append(key.resource)
            }
        }
        let rules = resourcesByRule.map { key, resources in
            PolicyRule(
                verbs: key.verbs, apiGroups: [key.apiGroup], resources: resources.sorted(), resourceNames: key.names)
        }
        return rules.sorted(by: resourceRuleOrder)
    }

    private static func nonResourceRules(_ used: [UsedRequest]) -> [PolicyRule] {
        var verbsByPath: [String: Set<String>] = [:]
        for request in used {
            verbsByPath[request.path, default: []].insert(request.verb)
        }
        var pathsByVerbs: [[String]: [String]] = [:]
        for (path, verbs) in verbsByPath {
            pathsByVerbs[orderedVerbs(Array(verbs)), default: []].append(path)
        }
        return pathsByVerbs.map { verbs, paths in PolicyRule(verbs: verbs, nonResourceURLs: paths.sorted()) }
            .sorted { $0.nonResourceURLs.lexicographicallyPrecedes($1.nonResourceURLs) }
    }

    static func orderedVerbs(_ verbs: [String]) -> [String] {
        Set(verbs).sorted { lhs, rhs in
            let left = verbOrder.firstIndex(of: lhs) ?? verbOrder.count
            let right = verbOrder.firstIndex(of: rhs) ?? verbOrder.count
            return left != right ? left < right : lhs < rhs
        }
    }

    private static func resourceRuleOrder(_ lhs: PolicyRule, _ rhs: PolicyRule) -> Bool {
        if lhs.apiGroups != rhs.apiGroups { return lhs.apiGroups.lexicographicallyPrecedes(rhs.apiGroups) }
        if lhs.resources != rhs.resources { return lhs.resources.lexicographicallyPrecedes(rhs.resources) }
        if lhs.resourceNames != rhs.resourceNames {
            return lhs.resourceNames.lexicographicallyPrecedes(rhs.resourceNames)
        }
        return lhs.verbs.lexicographicallyPrecedes(rhs.verbs)
    }
}
