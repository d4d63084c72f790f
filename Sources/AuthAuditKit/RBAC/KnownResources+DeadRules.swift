/// Detection of rule entries that no request can match.
extension KnownResources {
    /// Returns the parts of `rule` that can never match a request. An empty result means every part can match
    /// or cannot be judged (resources of custom groups this table has not seen).
    public func deadRuleReasons(_ rule: PolicyRule) -> [DeadRuleReason] {
        analyze(rule).reasons
    }

    /// Returns whether some request can match `rule` at all, given the reasons `deadRuleReasons` finds.
    public func canEverMatch(_ rule: PolicyRule) -> Bool {
        analyze(rule).canMatch
    }

    private struct Analysis {
        var reasons: [DeadRuleReason] = []
        var canMatch = false
    }

    private func analyze(_ rule: PolicyRule) -> Analysis {
        var analysis = Analysis()
        let hasResources = !rule.resources.isEmpty
        let hasURLs = !rule.nonResourceURLs.isEmpty
        if rule.verbs.isEmpty { analysis.reasons.append(.noVerbs) }
        if !hasResources && !hasURLs { analysis.reasons.append(.nothingToMatch) }
        if hasResources && rule.apiGroups.isEmpty { analysis.reasons.append(.resourcesWithoutAPIGroups) }

        let liveVerbs = checkVerbs(rule, reasons: &analysis.reasons)
        let unnamedVerbs = Self.verbsWithoutNames(rule)
        if !unnamedVerbs.isEmpty { analysis.reasons.append(.resourceNamesWithUnnamedVerbs(unnamedVerbs)) }
        let hasLivePair = checkResources(rule, reasons: &analysis.reasons)

        let liveResourceVerbs = liveVerbs.filter { !unnamedVerbs.contains($0) }
        let resourcePartLives = hasLivePair && !liveResourceVerbs.isEmpty
        let urlPartLives = hasURLs && liveVerbs.contains { $0 == rbacWildcard || nonResourceVerbs.contains($0) }
        analysis.canMatch = resourcePartLives || urlPartLives
        return analysis
    }

    /// Appends a reason for each verb no request carries and returns the others. Verbs are judged only when
    /// every API group of the rule is a built-in one, because extension authorizers and webhooks may check
    /// their own verbs on custom resources.
    private func checkVerbs(_ rule: PolicyRule, reasons: inout [DeadRuleReason]) -> [String] {
        let hasResources = !rule.resources.isEmpty
        let hasURLs = !rule.nonResourceURLs.isEmpty
        let groupsAreBuiltIn = rule.apiGroups.allSatisfy { groups[$0]?.isClosed == true }
        let judgeable = (hasResources || hasURLs) && (!hasResources || groupsAreBuiltIn)
        guard judgeable else { return rule.verbs }
        var accepted: Set<String> = hasResources ? resourceVerbs : []
        if hasURLs { accepted.formUnion(nonResourceVerbs) }
        var live: [String] = []
        for verb in rule.verbs {
            if verb == rbacWildcard || accepted.contains(verb) {
                live.append(verb)
            } else {
                reasons.append(.unknownVerb(verb))
            }
        }
        return live
    }

    /// Returns the rule's verbs that never come with a name, when the rule restricts names.
    private static func verbsWithoutNames(_ rule: PolicyRule) -> [String] {
        guard !rule.resourceNames.isEmpty else { return [] }
        // `create` on a subresource of a named object (`pods/exec`, `serviceaccounts/token`) has a name.
        let onlyTopLevel = rule.resources.allSatisfy { !$0.contains("/") && $0 != rbacWildcard }
        return rule.verbs.filter { $0 == "deletecollection" || ($0 == "create" && onlyTopLevel) }
    }

    /// Appends a reason for each group and resource entry that matches nothing and returns whether some
    /// group and resource pair can match.
    private func checkResources(_ rule: PolicyRule, reasons: inout [DeadRuleReason]) -> Bool {
        var hasLivePair = false
        for group in rule.apiGroups {
            if group != rbacWildcard, groups[group] == nil, !group.contains(".") {
                reasons.append(.unknownAPIGroup(group))
                continue
            }
            for resource in rule.resources {
                if let reason = deadReason(group: group, resource: resource) {
                    reasons.append(reason)
                } else {
                    hasLivePair = true
                }
            }
        }
        return hasLivePair
    }

    private func deadReason(group: String, resource combined: String) -> DeadRuleReason? {
        guard group != rbacWildcard, combined != rbacWildcard, !combined.hasPrefix("*/") else { return nil }
        guard let known = groups[group], !contains(group: group, resource: combined) else { return nil }
        let suggestions = suggestedLocations(for: combined, preferring: group)
        let (resource, subresource) = Self.split(combined)
        if known.isClosed, let subresource, known.resources[resource] != nil {
            return .unknownSubresource(apiGroup: group, resource: resource, subresource: subresource)
        }
        // NOTE: In a group learned from logs an unseen resource may still exist, so only a name that is
        // another spelling of a seen one counts as dead there.
        let sameGroupSpelling = suggestions.contains { $0.apiGroup == group }
        guard known.isClosed || sameGroupSpelling else { return nil }
        return .unknownResource(apiGroup: group, resource: combined, suggestions: suggestions)
    }

    /// Known places of the same name, its plural or its lowercase form, `preferred` group first.
    private func suggestedLocations(for combined: String, preferring preferred: String) -> [ResourceLocation] {
        let (resource, subresource) = Self.split(combined)
        let lower = resource.lowercased()
        var candidates = [resource, lower, lower + "s", lower + "es"]
        if lower.hasSuffix("y") { candidates.append(lower.dropLast() + "ies") }
        var seen: Set<ResourceLocation> = []
        var locations: [ResourceLocation] = []
        for candidate in candidates {
            let name = subresource.map { candidate + "/" + $0 } ?? candidate
            let found = groups(containing: name).sorted { lhs, rhs in
                (lhs == preferred ? 0 : 1, lhs) < (rhs == preferred ? 0 : 1, rhs)
            }
            for group in found {
                let location = ResourceLocation(apiGroup: group, resource: name)
                if group == preferred, name == combined { continue }
                if seen.insert(location).inserted { locations.append(location) }
            }
        }
        return locations.sorted { ($0.apiGroup == preferred ? 0 : 1) < ($1.apiGroup == preferred ? 0 : 1) }
    }
}
