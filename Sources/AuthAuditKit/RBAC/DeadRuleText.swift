/// The wording of the reasons a rule, or part of it, can never match.
enum DeadRuleText {
    static func describe(_ rule: PolicyRule, known: KnownResources) -> String? {
        let reasons = known.deadRuleReasons(rule)
        guard !reasons.isEmpty else { return nil }
        return reasons.map(describe).joined(separator: "; ")
    }

    static func describe(_ reason: DeadRuleReason) -> String {
        switch reason {
        case .noVerbs:
            return "the rule lists no verbs"
        case .unknownVerb(let verb):
            return "no request has the verb \(verb)"
        case .resourcesWithoutAPIGroups:
            return "the rule names resources but no API groups"
        case .nothingToMatch:
            return "the rule names neither resources nor non-resource URLs"
        case .unknownAPIGroup(let group):
            return "there is no API group \(group)"
        case .unknownResource(let group, let resource, let suggestions):
            var text = "\(resource) does not exist in the \(group.isEmpty ? "core" : group) API group"
            if !suggestions.isEmpty {
                let places = suggestions.map { "\($0.resource) in \($0.apiGroup.isEmpty ? "core" : $0.apiGroup)" }
                text += " (there is " + places.joined(separator: ", ") + ")"
            }
            return text
        case .unknownSubresource(let group, let resource, let subresource):
            return "\(resource) in \(group.isEmpty ? "core" : group) has no subresource \(subresource)"
        case .resourceNamesWithUnnamedVerbs(let verbs):
            return "resourceNames never match \(verbs.joined(separator: ", ")), which carry no resource name"
        }
    }
}
