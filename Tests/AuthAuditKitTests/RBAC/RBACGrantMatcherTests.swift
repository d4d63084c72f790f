import Testing

@testable import AuthAuditKit

/// The per-identity matcher the ingest uses must find exactly the grants `allowingGrants(for:)` finds.
@Suite struct RBACGrantMatcherTests {
    private func positions(_ grants: [RBACGrant], in policy: RBACPolicy) -> [RBACGrantMatcher.Grant] {
        grants.map { grant in
            RBACGrantMatcher.Grant(
                binding: policy.bindings.firstIndex(of: grant.binding) ?? -1, subjectIndex: grant.subjectIndex,
                ruleIndex: grant.ruleIndex)
        }
    }

    @Test(arguments: RBACAuthorizationTests.cases)
    func matchesAllowingGrants(_ item: AuthorizationCase) throws {
        let policy = try RBACFixtures.policy(yaml: RBACAuthorizationTests.policyYAML)
        let matcher = RBACGrantMatcher(policy: policy)

        let candidates = matcher.candidates(user: item.request.user, groups: item.request.groups)
        let grants = matcher.grants(for: item.request, candidates: candidates)

        #expect(grants == positions(policy.allowingGrants(for: item.request), in: policy))
    }

    @Test func bootstrapPolicyMatchesAllowingGrants() throws {
        let policy = try RBACFixtures.policy(files: RBACFixtures.bootstrapFiles)
        let matcher = RBACGrantMatcher(policy: policy)
        let requests: [RequestAttributes] = [
            .resource(user: "system:kube-scheduler", verb: "list", resource: "pods"),
            .resource(
                user: "bob", groups: ["system:authenticated"], verb: "create", apiGroup: "authorization.k8s.io",
                resource: "selfsubjectaccessreviews"),
            .nonResource(user: "bob", groups: ["system:authenticated"], verb: "get", path: "/version"),
            .resource(
                user: "system:serviceaccount:kube-system:bootstrap-signer", verb: "list", resource: "secrets",
                namespace: "kube-system"),
        ]
        for request in requests {
            let candidates = matcher.candidates(user: request.user, groups: request.groups)
            #expect(
                matcher.grants(for: request, candidates: candidates)
                    == positions(policy.allowingGrants(for: request), in: policy), "\(request)")
        }
    }

    @Test func mastersHaveNoCandidates() throws {
        let policy = try RBACFixtures.policy(files: RBACFixtures.bootstrapFiles)

        let candidates = RBACGrantMatcher(policy: policy).candidates(user: "admin", groups: ["system:masters"])

        #expect(candidates.isEmpty)
    }
}
