/// A rule of a role with parts that can never match.
public struct DeadRuleFinding: Sendable, Hashable {
    public var role: RoleReference
    /// The Role's namespace; nil for a ClusterRole.
    public var namespace: String?
    /// The index in the role's own `rules`.
    public var ruleIndex: Int
    public var rule: PolicyRule
    public var reasons: [DeadRuleReason]
    /// False when the whole rule matches nothing; true when only some entries are dead.
    public var canEverMatch: Bool

    public init(
        role: RoleReference, namespace: String?, ruleIndex: Int, rule: PolicyRule, reasons: [DeadRuleReason],
        canEverMatch: Bool
    ) {
        self.role = role
        self.namespace = namespace
        self.ruleIndex = ruleIndex
        self.rule = rule
        self.reasons = reasons
        self.canEverMatch = canEverMatch
    }
}

extension RBACPolicy {
    /// Finds the rules with dead parts, checked as written: an aggregated ClusterRole's rules are reported at the
    /// role they come from.
    public func deadRules(using known: KnownResources = .builtIn) -> [DeadRuleFinding] {
        var findings: [DeadRuleFinding] = []
        for role in roles {
            for (index, rule) in role.rules.enumerated() {
                let reasons = known.deadRuleReasons(rule)
                guard !reasons.isEmpty else { continue }
                findings.append(
                    DeadRuleFinding(
                        role: role.reference, namespace: role.namespace, ruleIndex: index, rule: rule,
                        reasons: reasons, canEverMatch: known.canEverMatch(rule)))
            }
        }
        return findings
    }
}
