import Testing

@testable import AuthAuditKit

@Suite struct RoleUsageDiffTests {
    static let granted = [
        PolicyRule(
            verbs: ["get", "list", "watch", "delete"], apiGroups: ["", "apps"], resources: ["pods", "secrets"]),
        PolicyRule(verbs: ["*"], apiGroups: ["apps"], resources: ["*"]),
        PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a", "b"]),
        PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz*", "/metrics"]),
    ]

    static let suggested = [
        PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["pods"]),
        PolicyRule(verbs: ["get", "patch"], apiGroups: ["apps"], resources: ["deployments", "deployments/scale"]),
        PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
        PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz/etcd"]),
        PolicyRule(verbs: ["create"], apiGroups: ["batch"], resources: ["jobs"]),
    ]

    static let diff = RoleUsageDiff(granted: granted, suggested: suggested)

    @Test func unusedVerbs() {
        #expect(Self.diff.rules[0].unusedVerbs == ["watch", "delete"])
    }

    @Test func unusedGroups() {
        #expect(Self.diff.rules[0].unusedAPIGroups == ["apps"])
    }

    @Test func unusedResources() {
        #expect(Self.diff.rules[0].unusedResources == ["secrets"])
    }

    @Test func wildcardVerbsUsed() {
        #expect(Self.diff.rules[1].verbsUsedThroughWildcard == ["get", "patch"])
    }

    @Test func wildcardResourcesUsed() {
        #expect(Self.diff.rules[1].resourcesUsedThroughWildcard == ["deployments", "deployments/scale"])
    }

    @Test func wildcardIsUsed() {
        #expect(Self.diff.rules[1].unusedVerbs == [])
        #expect(Self.diff.rules[1].unusedResources == [])
    }

    @Test func unusedNames() {
        #expect(Self.diff.rules[2].unusedResourceNames == ["b"])
    }

    @Test func unusedURLs() {
        #expect(Self.diff.rules[3].unusedNonResourceURLs == ["/metrics"])
    }

    @Test func everyRuleUsed() {
        #expect(Self.diff.rules.map(\.isUsed) == [true, true, true, true])
    }

    @Test func requestsNotGranted() {
        #expect(Self.diff.notGranted == [.resource(verb: "create", apiGroup: "batch", resource: "jobs")])
    }

    @Test func unusedRule() {
        let diff = RoleUsageDiff(
            granted: [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["secrets"])],
            suggested: Self.suggested)
        #expect(diff.rules.first?.isUsed == false)
    }

    @Test func namedRuleNotUsedByUnnamedSuggestion() {
        let granted = [Self.granted[2]]
        let suggested = [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"])]
        #expect(RoleUsageDiff(granted: granted, suggested: suggested).rules.first?.isUsed == false)
    }
}
