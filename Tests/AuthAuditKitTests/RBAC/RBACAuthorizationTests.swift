import Testing

@testable import AuthAuditKit

/// A request against the policy below and the grants (as audit reasons) expected to allow it.
struct AuthorizationCase: Sendable, CustomTestStringConvertible {
    var label: String
    var request: RequestAttributes
    var reasons: [String]

    var testDescription: String { label }
}

private func pods(
    _ user: String, groups: [String] = [], verb: String = "get", namespace: String = "team-a"
) -> RequestAttributes {
    .resource(user: user, groups: groups, verb: verb, resource: "pods", namespace: namespace, name: "web")
}

@Suite struct RBACAuthorizationTests {
    static let policyYAML = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: pod-reader}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-deleter, namespace: team-a}
        rules: [{apiGroups: [""], resources: [pods], verbs: [delete]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: readers, namespace: team-a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
        subjects:
        - {kind: User, name: alice}
        - {kind: ServiceAccount, name: builder}
        - {kind: Group, name: "system:serviceaccounts:team-c"}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: deleters, namespace: team-a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-deleter}
        subjects: [{kind: Group, name: oncall}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: everyone-reads}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
        subjects:
        - {kind: Group, name: auditors}
        - {kind: ServiceAccount, name: scanner, namespace: security}
        - {kind: ServiceAccount, name: nameless}
        - {kind: User, name: alice}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: dangling}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: missing}
        subjects: [{kind: Group, name: auditors}]
        """

    static let readers = #"RBAC: allowed by RoleBinding "readers/team-a" of ClusterRole "pod-reader" to "#
    static let everyone = #"RBAC: allowed by ClusterRoleBinding "everyone-reads" of ClusterRole "pod-reader" to "#

    static let cases: [AuthorizationCase] = [
        AuthorizationCase(label: "user via RoleBinding", request: pods("bob"), reasons: []),
        AuthorizationCase(
            label: "every grant, cluster bindings first", request: pods("alice"),
            reasons: [everyone + #"User "alice""#, readers + #"User "alice""#]),
        AuthorizationCase(
            label: "RoleBinding to ClusterRole stays in its namespace", request: pods("bob", namespace: "team-b"),
            reasons: []),
        AuthorizationCase(
            label: "RoleBinding not for other namespace", request: pods("alice", namespace: "team-b"),
            reasons: [everyone + #"User "alice""#]),
        AuthorizationCase(
            label: "RoleBinding not for cluster scope",
            request: .resource(user: "alice", verb: "list", resource: "pods"),
            reasons: [everyone + #"User "alice""#]),
        AuthorizationCase(
            label: "service account defaults to binding namespace",
            request: pods("system:serviceaccount:team-a:builder"),
            reasons: [readers + #"ServiceAccount "builder/team-a""#]),
        AuthorizationCase(
            label: "service account of other namespace", request: pods("system:serviceaccount:team-b:builder"),
            reasons: []),
        AuthorizationCase(
            label: "service account with namespace", request: pods("system:serviceaccount:security:scanner"),
            reasons: [everyone + #"ServiceAccount "scanner/security""#]),
        AuthorizationCase(
            label: "service account without namespace in cluster binding",
            request: pods("system:serviceaccount:default:nameless"), reasons: []),
        AuthorizationCase(
            label: "group subject", request: pods("carol", groups: ["auditors", "system:authenticated"]),
            reasons: [everyone + #"Group "auditors""#]),
        AuthorizationCase(
            label: "service account namespace group",
            request: pods("system:serviceaccount:team-c:x", groups: ["system:serviceaccounts:team-c"]),
            reasons: [readers + #"Group "system:serviceaccounts:team-c""#]),
        AuthorizationCase(
            label: "Role in binding namespace", request: pods("dave", groups: ["oncall"], verb: "delete"),
            reasons: [#"RBAC: allowed by RoleBinding "deleters/team-a" of Role "pod-deleter" to Group "oncall""#]),
        AuthorizationCase(
            label: "verb the role lacks", request: pods("alice", verb: "delete"), reasons: []),
        AuthorizationCase(
            label: "users are case-sensitive", request: pods("Alice"), reasons: []),
    ]

    @Test(arguments: cases)
    func grants(_ item: AuthorizationCase) throws {
        let policy = try RBACFixtures.policy(yaml: Self.policyYAML)
        #expect(policy.allowingGrants(for: item.request).map(\.auditReason) == item.reasons)
    }

    @Test func grantNamesRuleIndex() throws {
        let policy = try RBACFixtures.policy(yaml: Self.policyYAML)
        let grant = policy.allowingGrants(for: pods("dave", groups: ["oncall"], verb: "delete")).first
        #expect(grant?.ruleIndex == 0)
    }

    @Test func mastersAllowedBeforeRBAC() throws {
        let policy = try RBACFixtures.policy(yaml: Self.policyYAML)
        #expect(policy.authorize(pods("root", groups: ["system:masters"], verb: "delete")) == .allowedByPrivilegedGroup)
    }

    @Test func noRuleIsNoOpinion() throws {
        let policy = try RBACFixtures.policy(yaml: Self.policyYAML)
        #expect(policy.authorize(pods("bob")) == .noOpinion)
    }

    @Test func rbacVerdictCarriesGrants() throws {
        let policy = try RBACFixtures.policy(yaml: Self.policyYAML)
        let request = pods("carol", groups: ["auditors"])
        #expect(policy.authorize(request) == .allowedByRBAC(policy.allowingGrants(for: request)))
    }

    @Test func missingRoleIsUnresolved() throws {
        let policy = try RBACFixtures.policy(yaml: Self.policyYAML)
        #expect(policy.unresolvedBindings.map(\.name) == ["dangling"])
    }

    @Test func roleBindingFindsRoleOnlyInItsNamespace() throws {
        let policy = try RBACFixtures.policy(
            yaml: Self.policyYAML + """

                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: elsewhere, namespace: team-b}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-deleter}
                subjects: [{kind: Group, name: oncall}]
                """)
        let request = pods("dave", groups: ["oncall"], verb: "delete", namespace: "team-b")
        #expect(policy.allowingGrants(for: request) == [])
    }
}
