/// How much of a granted role a set of used permissions needs, rule by rule.
public struct RoleUsageDiff: Sendable, Hashable {
    /// The usage of each granted rule, in the role's order.
    public var rules: [RuleUsage]
    /// Used requests that no granted rule allows (another binding must have allowed them).
    public var notGranted: [UsedRequest]

    /// Compares `granted` rules with `suggested` ones, typically `LeastPrivilegeRules.rules(for:)` of the
    /// requests made through the role. Suggested rules must be wildcard-free, as the synthesis makes them.
    ///
    /// A suggested rule without `resourceNames` stands for requests on any name, so it does not use a
    /// granted rule that is limited to some names.
    public init(granted: [PolicyRule], suggested: [PolicyRule]) {
        let used = Self.expand(suggested)
        var covered = Set<UsedRequest>()
        rules = granted.enumerated().map { index, rule in
            let matched = used.filter { rule.allows($0.attributes(user: "")) }
            covered.formUnion(matched)
            return RuleUsage(ruleIndex: index, rule: rule, matched: matched)
        }
        notGranted = used.filter { !covered.contains($0) }
    }

    /// Expands rules into one request per verb, group, resource and name (or URL).
    static func expand(_ rules: [PolicyRule]) -> [UsedRequest] {
        var requests: [UsedRequest] = []
        for rule in rules {
            for verb in rule.verbs {
                for path in rule.nonResourceURLs {
                    requests.append(.nonResource(verb: verb, path: path))
                }
                for group in rule.apiGroups {
                    for combined in rule.resources {
                        let (resource, subresource) = KnownResources.split(combined)
                        for name in rule.resourceNames.isEmpty ? [""] : rule.resourceNames {
                            requests.append(
                                .resource(
                                    verb: verb, apiGroup: group, resource: resource, subresource: subresource ?? "",
                                    name: name))
                        }
                    }
                }
            }
        }
        return requests
    }
}

/// The entries of one granted rule that the used requests need, and the ones they do not.
public struct RuleUsage: Sendable, Hashable {
    public var ruleIndex: Int
    public var rule: PolicyRule
    /// Whether some used request matches the rule.
    public var isUsed: Bool
    public var unusedVerbs: [String]
    public var unusedAPIGroups: [String]
    public var unusedResources: [String]
    public var unusedResourceNames: [String]
    public var unusedNonResourceURLs: [String]
    /// The verbs that the rule's `*` verb was needed for, when it has one.
    public var verbsUsedThroughWildcard: [String]
    /// The `resource[/subresource]` names that only a `*` or `*/subresource` entry of the rule matched.
    public var resourcesUsedThroughWildcard: [String]

    init(ruleIndex: Int, rule: PolicyRule, matched: [UsedRequest]) {
        self.ruleIndex = ruleIndex
        self.rule = rule
        isUsed = !matched.isEmpty
        let resourceRequests = matched.filter(\.isResourceRequest)
        let urlRequests = matched.filter { !$0.isResourceRequest }

        unusedVerbs = rule.verbs.filter { verb in !matched.contains { verb == rbacWildcard || verb == $0.verb } }
        unusedAPIGroups = rule.apiGroups.filter { group in
            !resourceRequests.contains { group == rbacWildcard || group == $0.apiGroup }
        }
        unusedResources = rule.resources.filter { entry in
            !resourceRequests.contains {
                PolicyRule.resourceEntry(entry, matches: $0.combinedResource, subresource: $0.subresource)
            }
        }
        unusedResourceNames = rule.resourceNames.filter { name in !resourceRequests.contains { $0.name == name } }
        unusedNonResourceURLs = rule.nonResourceURLs.filter { entry in
            !urlRequests.contains { PolicyRule.nonResourceEntry(entry, matches: $0.path) }
        }

        let explicitVerbs = Set(rule.verbs)
        verbsUsedThroughWildcard =
            explicitVerbs.contains(rbacWildcard)
            ? LeastPrivilegeRules.orderedVerbs(matched.map(\.verb).filter { !explicitVerbs.contains($0) }) : []
        let explicitResources = Set(rule.resources)
        let throughWildcard = resourceRequests.map(\.combinedResource).filter { !explicitResources.contains($0) }
        resourcesUsedThroughWildcard = Set(throughWildcard).sorted()
    }
}
