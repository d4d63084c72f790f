import Testing

@testable import AuthAuditKit

/// Feeds the suggested manifest back through the parser and the authorizer.
@Suite struct LeastPrivilegeRoundTripTests {
    static let user = "jane"
    static let groups = ["devs", "system:authenticated"]

    static func suggestedPolicy() throws -> RBACPolicy {
        let suggestion = LeastPrivilegePolicy(name: "least", groups: ["devs"], used: LeastPrivilegeTests.used)
        return try RBACFixtures.policy(yaml: suggestion.manifest)
    }

    @Test(arguments: LeastPrivilegeTests.used)
    func usedRequestIsAllowed(request: UsedRequest) throws {
        let policy = try Self.suggestedPolicy()
        #expect(!policy.allowingGrants(for: request.attributes(user: Self.user, groups: Self.groups)).isEmpty)
    }

    static let denied: [UsedRequest] = [
        .resource(verb: "delete", resource: "pods", namespace: "team-a", name: "web-1"),
        .resource(verb: "get", resource: "pods", namespace: "team-a", name: "web-2"),
        .resource(verb: "get", resource: "pods", namespace: "team-b", name: "web-1"),
        .resource(verb: "get", resource: "pods", subresource: "exec", namespace: "team-a", name: "web-1"),
        .resource(verb: "create", resource: "pods", namespace: "team-a"),
        .resource(verb: "get", resource: "secrets", namespace: "team-a", name: "settings"),
        .resource(verb: "update", resource: "configmaps", namespace: "team-a", name: "other"),
        .resource(verb: "patch", apiGroup: "apps", resource: "deployments", namespace: "team-a", name: "api"),
        .resource(verb: "get", apiGroup: "extensions", resource: "deployments", namespace: "team-a", name: "web"),
        .resource(
            verb: "get", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "team-a",
            name: "web"),
        .resource(verb: "list", resource: "services"),
        .resource(verb: "get", resource: "nodes", name: "node-1"),
        .resource(verb: "list", apiGroup: "batch", resource: "jobs", namespace: "team-b"),
        .nonResource(verb: "post", path: "/healthz"),
        .nonResource(verb: "get", path: "/healthz/etcd"),
        .nonResource(verb: "get", path: "/metrics"),
    ]

    @Test(arguments: denied)
    func otherRequestIsDenied(request: UsedRequest) throws {
        let policy = try Self.suggestedPolicy()
        #expect(policy.allowingGrants(for: request.attributes(user: Self.user, groups: Self.groups)) == [])
    }

    @Test func otherGroupIsDenied() throws {
        let policy = try Self.suggestedPolicy()
        let request = LeastPrivilegeTests.used[0].attributes(user: Self.user, groups: ["ops"])
        #expect(policy.allowingGrants(for: request) == [])
    }

    @Test func suggestionHasNoDeadRules() throws {
        #expect(try Self.suggestedPolicy().deadRules() == [])
    }
}
