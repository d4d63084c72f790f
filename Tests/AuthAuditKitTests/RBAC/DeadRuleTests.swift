import Testing

@testable import AuthAuditKit

/// A rule and the dead parts `KnownResources.builtIn` should find in it.
struct DeadRuleCase: Sendable, CustomTestStringConvertible {
    var label: String
    var rule: PolicyRule
    var reasons: [DeadRuleReason]
    var canEverMatch: Bool

    var testDescription: String { label }
}

private func core(_ resources: [String], verbs: [String] = ["get"], names: [String] = []) -> PolicyRule {
    PolicyRule(verbs: verbs, apiGroups: [""], resources: resources, resourceNames: names)
}

private let ingresses = [
    ResourceLocation(apiGroup: "extensions", resource: "ingresses"),
    ResourceLocation(apiGroup: "networking.k8s.io", resource: "ingresses"),
]

@Suite struct DeadRuleTests {
    static let cases: [DeadRuleCase] = [
        DeadRuleCase(label: "valid core rule", rule: core(["pods", "pods/log"]), reasons: [], canEverMatch: true),
        DeadRuleCase(
            label: "deployments in core group", rule: core(["deployments"]),
            reasons: [
                .unknownResource(
                    apiGroup: "", resource: "deployments",
                    suggestions: [
                        ResourceLocation(apiGroup: "apps", resource: "deployments"),
                        ResourceLocation(apiGroup: "extensions", resource: "deployments"),
                    ])
            ], canEverMatch: false),
        DeadRuleCase(
            label: "singular ingress in core group", rule: core(["ingress"]),
            reasons: [.unknownResource(apiGroup: "", resource: "ingress", suggestions: ingresses)],
            canEverMatch: false),
        DeadRuleCase(
            label: "ingresses in core group", rule: core(["ingresses"]),
            reasons: [.unknownResource(apiGroup: "", resource: "ingresses", suggestions: ingresses)],
            canEverMatch: false),
        DeadRuleCase(
            label: "singular pod", rule: core(["pod"]),
            reasons: [
                .unknownResource(
                    apiGroup: "", resource: "pod",
                    suggestions: [
                        ResourceLocation(apiGroup: "", resource: "pods"),
                        ResourceLocation(apiGroup: "metrics.k8s.io", resource: "pods"),
                    ])
            ], canEverMatch: false),
        DeadRuleCase(
            label: "capitalized resource",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["apps"], resources: ["Deployments"]),
            reasons: [
                .unknownResource(
                    apiGroup: "apps", resource: "Deployments",
                    suggestions: [ResourceLocation(apiGroup: "apps", resource: "deployments")]
                        + [ResourceLocation(apiGroup: "extensions", resource: "deployments")])
            ], canEverMatch: false),
        DeadRuleCase(
            label: "singular policy plural",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["networking.k8s.io"], resources: ["networkpolicy"]),
            reasons: [
                .unknownResource(
                    apiGroup: "networking.k8s.io", resource: "networkpolicy",
                    suggestions: [
                        ResourceLocation(apiGroup: "networking.k8s.io", resource: "networkpolicies"),
                        ResourceLocation(apiGroup: "extensions", resource: "networkpolicies"),
                    ])
            ], canEverMatch: false),
        DeadRuleCase(
            label: "unknown subresource", rule: core(["pods/shell"]),
            reasons: [.unknownSubresource(apiGroup: "", resource: "pods", subresource: "shell")], canEverMatch: false),
        DeadRuleCase(
            label: "user extra subresource is free text",
            rule: PolicyRule(
                verbs: ["impersonate"], apiGroups: ["authentication.k8s.io"], resources: ["userextras/scopes"]),
            reasons: [], canEverMatch: true),
        DeadRuleCase(
            label: "unknown verb", rule: core(["pods"], verbs: ["get", "fetch"]), reasons: [.unknownVerb("fetch")],
            canEverMatch: true),
        DeadRuleCase(
            label: "uppercase verb", rule: core(["pods"], verbs: ["GET"]), reasons: [.unknownVerb("GET")],
            canEverMatch: false),
        DeadRuleCase(
            label: "resource verb on URL", rule: PolicyRule(verbs: ["list"], nonResourceURLs: ["/healthz"]),
            reasons: [.unknownVerb("list")], canEverMatch: false),
        DeadRuleCase(
            label: "custom verb on custom group",
            rule: PolicyRule(verbs: ["override"], apiGroups: ["example.com"], resources: ["widgets"]), reasons: [],
            canEverMatch: true),
        DeadRuleCase(
            label: "unknown dotless group",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["app"], resources: ["deployments"]),
            reasons: [.unknownAPIGroup("app")], canEverMatch: false),
        DeadRuleCase(
            label: "resources without groups", rule: PolicyRule(verbs: ["get"], resources: ["pods"]),
            reasons: [.resourcesWithoutAPIGroups], canEverMatch: false),
        DeadRuleCase(label: "no verbs", rule: core(["pods"], verbs: []), reasons: [.noVerbs], canEverMatch: false),
        DeadRuleCase(
            label: "nothing to match", rule: PolicyRule(verbs: ["get"], apiGroups: [""]), reasons: [.nothingToMatch],
            canEverMatch: false),
        DeadRuleCase(
            label: "create with resourceNames", rule: core(["configmaps"], verbs: ["create"], names: ["a"]),
            reasons: [.resourceNamesWithUnnamedVerbs(["create"])], canEverMatch: false),
        DeadRuleCase(
            label: "deletecollection beside get with resourceNames",
            rule: core(["configmaps"], verbs: ["get", "deletecollection"], names: ["a"]),
            reasons: [.resourceNamesWithUnnamedVerbs(["deletecollection"])], canEverMatch: true),
        DeadRuleCase(
            label: "create on subresource with resourceNames",
            rule: core(["pods/exec"], verbs: ["create"], names: ["web"]), reasons: [], canEverMatch: true),
        DeadRuleCase(
            label: "list with resourceNames is not dead", rule: core(["configmaps"], verbs: ["list"], names: ["a"]),
            reasons: [], canEverMatch: true),
        DeadRuleCase(
            label: "wildcards are not judged",
            rule: PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*", "*/scale"]),
            reasons: [], canEverMatch: true),
        DeadRuleCase(
            label: "unseen custom group is not judged",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["example.com"], resources: ["gadget"]), reasons: [],
            canEverMatch: true),
        DeadRuleCase(
            label: "impersonation resources",
            rule: core(["users", "groups", "serviceaccounts"], verbs: ["impersonate"]), reasons: [],
            canEverMatch: true),
    ]

    @Test(arguments: cases)
    func deadParts(_ item: DeadRuleCase) {
        #expect(KnownResources.builtIn.deadRuleReasons(item.rule) == item.reasons)
    }

    @Test(arguments: cases)
    func wholeRule(_ item: DeadRuleCase) {
        #expect(KnownResources.builtIn.canEverMatch(item.rule) == item.canEverMatch)
    }

    @Test func learnedResourceIsKnown() {
        let known = KnownResources.builtIn.adding(group: "example.com", resource: "widgets/status")
        #expect(known.contains(group: "example.com", resource: "widgets/status"))
    }

    @Test func learnedGroupFlagsSingular() {
        let known = KnownResources.builtIn.adding(group: "example.com", resource: "widgets")
        let rule = PolicyRule(verbs: ["get"], apiGroups: ["example.com"], resources: ["widget", "gadgets"])
        let expected = DeadRuleReason.unknownResource(
            apiGroup: "example.com", resource: "widget",
            suggestions: [ResourceLocation(apiGroup: "example.com", resource: "widgets")])
        #expect(known.deadRuleReasons(rule) == [expected])
    }

    @Test func learnedVerbIsAccepted() {
        let known = KnownResources.builtIn.adding(verb: "fetch")
        #expect(known.deadRuleReasons(core(["pods"], verbs: ["fetch"])) == [])
    }

    @Test func sampleDevRoleHasDeadEntries() throws {
        let policy = try RBACFixtures.policy(files: ["../../samples/rbac.yaml"])
        let findings = policy.deadRules()
        let expected = DeadRuleFinding(
            role: RoleReference(kind: .role, name: "ad-cluster-devs"), namespace: "demo-service", ruleIndex: 0,
            rule: core(
                ["services", "endpoints", "pods", "deployments", "ingress"], verbs: ["get", "list", "watch"]),
            reasons: [
                .unknownResource(
                    apiGroup: "", resource: "deployments",
                    suggestions: [
                        ResourceLocation(apiGroup: "apps", resource: "deployments"),
                        ResourceLocation(apiGroup: "extensions", resource: "deployments"),
                    ]),
                .unknownResource(apiGroup: "", resource: "ingress", suggestions: ingresses),
            ], canEverMatch: true)
        #expect(findings == [expected])
    }

    @Test func bootstrapPolicyHasNoDeadRules() throws {
        let policy = try RBACFixtures.policy(files: RBACFixtures.bootstrapFiles)
        #expect(policy.deadRules() == [])
    }
}

extension DeadRuleTests {
    /// Non-resource requests carry the lowercased HTTP method as verb, so the `watch` and `list` that
    /// rbac-tool's example grants on `/test-reader` never match.
    @Test func rbacToolManifestDeadRules() throws {
        let policy = try RBACFixtures.policy(files: RBACFixtures.rbacToolFiles)
        let findings = policy.deadRules().map { "\($0.role.name) \($0.ruleIndex) \($0.canEverMatch)" }
        #expect(findings == ["nonresourceurl-reader 0 true"])
    }

    @Test func urlRuleWithListVerbs() {
        let rule = PolicyRule(verbs: ["get", "watch", "list"], nonResourceURLs: ["/test-reader"])
        #expect(KnownResources.builtIn.deadRuleReasons(rule) == [.unknownVerb("watch"), .unknownVerb("list")])
    }
}
