import Testing

@testable import AuthAuditKit

/// One rule, one request and whether kubernetes' `RuleAllows` lets the rule allow the request.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var label: String
    var rule: PolicyRule
    var request: RequestAttributes
    var allows: Bool

    var testDescription: String { label }
}

private func get(
    _ resource: String, sub: String = "", group: String = "", name: String = "", verb: String = "get"
) -> RequestAttributes {
    .resource(user: "u", verb: verb, apiGroup: group, resource: resource, subresource: sub, namespace: "n", name: name)
}

private func path(_ path: String, verb: String = "get") -> RequestAttributes {
    .nonResource(user: "u", verb: verb, path: path)
}

private let pods = PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])

@Suite struct RuleMatchingTests {
    static let cases: [RuleCase] = [
        RuleCase(label: "exact verb, group, resource", rule: pods, request: get("pods"), allows: true),
        RuleCase(label: "other verb", rule: pods, request: get("pods", verb: "list"), allows: false),
        RuleCase(
            label: "verb wildcard", rule: PolicyRule(verbs: ["*"], apiGroups: [""], resources: ["pods"]),
            request: get("pods", verb: "deletecollection"), allows: true),
        RuleCase(
            label: "verbs are case-sensitive", rule: PolicyRule(verbs: ["GET"], apiGroups: [""], resources: ["pods"]),
            request: get("pods"), allows: false),
        RuleCase(label: "core group is not apps", rule: pods, request: get("pods", group: "apps"), allows: false),
        RuleCase(
            label: "group wildcard", rule: PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["deployments"]),
            request: get("deployments", group: "apps"), allows: true),
        RuleCase(
            label: "apps group does not match core",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["apps"], resources: ["pods"]), request: get("pods"),
            allows: false),
        RuleCase(
            label: "resource wildcard", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["*"]),
            request: get("secrets"), allows: true),
        RuleCase(
            label: "resource wildcard covers subresources",
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["*"]), request: get("pods", sub: "log"),
            allows: true),
        RuleCase(
            label: "resource does not cover subresource", rule: pods, request: get("pods", sub: "log"), allows: false),
        RuleCase(
            label: "exact subresource", rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]),
            request: get("pods", sub: "log"), allows: true),
        RuleCase(
            label: "subresource does not cover resource",
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]), request: get("pods"),
            allows: false),
        RuleCase(
            label: "star slash subresource", rule: PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["*/scale"]),
            request: get("deployments", sub: "scale", group: "apps"), allows: true),
        RuleCase(
            label: "star slash subresource needs that subresource",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["*/scale"]),
            request: get("deployments", sub: "status", group: "apps"), allows: false),
        RuleCase(
            label: "star slash subresource not the resource",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["*/scale"]),
            request: get("deployments", group: "apps"), allows: false),
        RuleCase(
            label: "resource slash star is literal",
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/*"]), request: get("pods", sub: "log"),
            allows: false),
        RuleCase(
            label: "listed resource name",
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
            request: get("configmaps", name: "a"), allows: true),
        RuleCase(
            label: "other resource name",
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
            request: get("configmaps", name: "b"), allows: false),
        RuleCase(
            label: "request without name and resourceNames",
            rule: PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
            request: get("configmaps", verb: "list"), allows: false),
        RuleCase(
            label: "list with name field selector",
            rule: PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
            request: get("configmaps", name: "a", verb: "list"), allows: true),
        RuleCase(
            label: "create on collection and resourceNames",
            rule: PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"]),
            request: get("configmaps", verb: "create"), allows: false),
        RuleCase(
            label: "create on named subresource",
            rule: PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/exec"], resourceNames: ["web"]),
            request: get("pods", sub: "exec", name: "web", verb: "create"), allows: true),
        RuleCase(
            label: "no resourceNames matches any name", rule: pods, request: get("pods", name: "anything"),
            allows: true),
        RuleCase(
            label: "resource rule never matches a path",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["*"]),
            request: path("/healthz"), allows: false),
        RuleCase(
            label: "exact non-resource URL", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]),
            request: path("/healthz"), allows: true),
        RuleCase(
            label: "exact URL is not a prefix", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]),
            request: path("/healthz/etcd"), allows: false),
        RuleCase(
            label: "trailing star is a prefix", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz*"]),
            request: path("/healthz/etcd"), allows: true),
        RuleCase(
            label: "slash star needs the slash", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/*"]),
            request: path("/apis"), allows: false),
        RuleCase(
            label: "URL wildcard", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["*"]), request: path("/metrics"),
            allows: true),
        RuleCase(
            label: "URL verb is the HTTP method", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/logs"]),
            request: path("/logs", verb: "post"), allows: false),
        RuleCase(
            label: "URL rule never matches a resource", rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["*"]),
            request: get("pods"), allows: false),
        RuleCase(
            label: "URL rule ignores API groups",
            rule: PolicyRule(verbs: ["get"], apiGroups: ["apps"], nonResourceURLs: ["/version"]),
            request: path("/version"), allows: true),
    ]

    @Test(arguments: cases)
    func ruleAllows(_ item: RuleCase) {
        #expect(item.rule.allows(item.request) == item.allows)
    }
}
