import Testing

@testable import AuthAuditKit

@Suite struct ClusterRoleAggregationTests {
    static func rule(_ resource: String) -> PolicyRule {
        PolicyRule(verbs: ["get"], apiGroups: [""], resources: [resource])
    }

    static func role(
        _ name: String, rules: [PolicyRule] = [], labels: [String: String] = [:], selectors: [LabelSelector]? = nil
    ) -> RBACRole {
        RBACRole(kind: .clusterRole, name: name, rules: rules, labels: labels, aggregationSelectors: selectors)
    }

    static func rules(of name: String, in roles: [RBACRole]) -> [PolicyRule]? {
        RBACPolicy(roles: roles, bindings: []).rules(
            of: RoleReference(kind: .clusterRole, name: name), bindingNamespace: nil)
    }

    @Test func nestedAggregation() {
        let roles = [
            Self.role("top", selectors: [LabelSelector(matchLabels: ["to-top": "true"])]),
            Self.role(
                "middle", labels: ["to-top": "true"], selectors: [LabelSelector(matchLabels: ["to-mid": "true"])]),
            Self.role("leaf", rules: [Self.rule("pods")], labels: ["to-mid": "true"]),
            Self.role("direct", rules: [Self.rule("secrets")], labels: ["to-top": "true"]),
        ]
        #expect(Self.rules(of: "top", in: roles) == [Self.rule("secrets"), Self.rule("pods")])
    }

    @Test func duplicateRulesAppearOnce() {
        let roles = [
            Self.role(
                "agg", selectors: [LabelSelector(matchLabels: ["x": "1"]), LabelSelector(matchLabels: ["y": "1"])]),
            Self.role("a", rules: [Self.rule("pods")], labels: ["x": "1", "y": "1"]),
            Self.role("b", rules: [Self.rule("pods"), Self.rule("services")], labels: ["y": "1"]),
        ]
        #expect(Self.rules(of: "agg", in: roles) == [Self.rule("pods"), Self.rule("services")])
    }

    @Test func roleDoesNotAggregateItself() {
        let roles = [
            Self.role("agg", labels: ["x": "1"], selectors: [LabelSelector(matchLabels: ["x": "1"])]),
            Self.role("a", rules: [Self.rule("pods")], labels: ["x": "1"]),
        ]
        #expect(Self.rules(of: "agg", in: roles) == [Self.rule("pods")])
    }

    @Test func liveRulesAreKept() {
        let roles = [
            Self.role("agg", rules: [Self.rule("configmaps")], selectors: [LabelSelector(matchLabels: ["x": "1"])]),
            Self.role("a", rules: [Self.rule("pods")], labels: ["x": "1"]),
        ]
        #expect(Self.rules(of: "agg", in: roles) == [Self.rule("configmaps")])
    }

    @Test func cycleTerminates() {
        let roles = [
            Self.role("a", labels: ["to-b": "1"], selectors: [LabelSelector(matchLabels: ["to-a": "1"])]),
            Self.role("b", labels: ["to-a": "1"], selectors: [LabelSelector(matchLabels: ["to-b": "1"])]),
            Self.role("leaf", rules: [Self.rule("pods")], labels: ["to-a": "1"]),
        ]
        #expect(Self.rules(of: "a", in: roles) == [Self.rule("pods")])
    }

    static let expressionCases: [(LabelSelector.Requirement, [String: String], Bool)] = [
        (.init(key: "tier", operator: .in, values: ["web", "api"]), ["tier": "api"], true),
        (.init(key: "tier", operator: .in, values: ["web"]), ["tier": "db"], false),
        (.init(key: "tier", operator: .in, values: ["web"]), [:], false),
        (.init(key: "tier", operator: .notIn, values: ["web"]), ["tier": "db"], true),
        (.init(key: "tier", operator: .notIn, values: ["web"]), [:], true),
        (.init(key: "tier", operator: .notIn, values: ["web"]), ["tier": "web"], false),
        (.init(key: "tier", operator: .exists), ["tier": ""], true),
        (.init(key: "tier", operator: .exists), [:], false),
        (.init(key: "tier", operator: .doesNotExist), [:], true),
        (.init(key: "tier", operator: .doesNotExist), ["tier": "x"], false),
    ]

    @Test(arguments: expressionCases)
    func expression(requirement: LabelSelector.Requirement, labels: [String: String], matches: Bool) {
        #expect(requirement.matches(labels) == matches)
    }

    @Test func emptySelectorMatchesEverything() {
        #expect(LabelSelector().matches(["any": "thing"]))
    }

    @Test func matchLabelsNeedsEveryLabel() {
        #expect(!LabelSelector(matchLabels: ["a": "1", "b": "2"]).matches(["a": "1"]))
    }
}
