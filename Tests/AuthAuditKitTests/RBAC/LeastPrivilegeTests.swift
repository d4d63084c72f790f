import Testing

@testable import AuthAuditKit

@Suite struct LeastPrivilegeTests {
    static let used: [UsedRequest] = [
        .resource(verb: "get", resource: "pods", namespace: "team-a", name: "web-1"),
        .resource(verb: "list", resource: "pods", namespace: "team-a"),
        .resource(verb: "watch", resource: "pods", namespace: "team-a"),
        .resource(verb: "list", resource: "services", namespace: "team-a"),
        .resource(verb: "watch", resource: "services", namespace: "team-a"),
        .resource(verb: "get", resource: "pods", subresource: "log", namespace: "team-a", name: "web-1"),
        .resource(verb: "create", resource: "pods", subresource: "exec", namespace: "team-a", name: "web-1"),
        .resource(verb: "get", resource: "configmaps", namespace: "team-a", name: "settings"),
        .resource(verb: "update", resource: "configmaps", namespace: "team-a", name: "settings"),
        .resource(verb: "patch", apiGroup: "apps", resource: "deployments", namespace: "team-a", name: "web"),
        .resource(verb: "get", apiGroup: "apps", resource: "deployments", namespace: "team-a", name: "web"),
        .resource(verb: "get", apiGroup: "apps", resource: "deployments", namespace: "team-a", name: "api"),
        .resource(verb: "create", apiGroup: "batch", resource: "jobs", namespace: "team-b", name: "ignored"),
        .resource(verb: "delete", apiGroup: "batch", resource: "jobs", namespace: "team-b"),
        .resource(verb: "list", resource: "nodes"),
        .resource(verb: "list", resource: "pods"),
        .nonResource(verb: "get", path: "/healthz"),
        .nonResource(verb: "get", path: "/version"),
    ]

    static let teamARules = [
        PolicyRule(verbs: ["get", "update"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"]),
        PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods", "pods/log"], resourceNames: ["web-1"]),
        PolicyRule(verbs: ["list", "watch"], apiGroups: [""], resources: ["pods", "services"]),
        PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/exec"]),
        PolicyRule(verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["api", "web"]),
        PolicyRule(verbs: ["patch"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"]),
    ]

    @Test func namespaceRulesAreMerged() {
        let rules = LeastPrivilegeRules.rules(for: Self.used.filter { $0.namespace == "team-a" })
        #expect(rules == Self.teamARules)
    }

    @Test func rulesWithoutNameRestriction() {
        let rules = LeastPrivilegeRules.rules(
            for: Self.used.filter { $0.namespace == "team-a" && $0.apiGroup == "" }, restrictingNames: false)
        let expected = [
            PolicyRule(verbs: ["get", "update"], apiGroups: [""], resources: ["configmaps"]),
            PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods"]),
            PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/exec"]),
            PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]),
            PolicyRule(verbs: ["list", "watch"], apiGroups: [""], resources: ["services"]),
        ]
        #expect(rules == expected)
    }

    @Test func namelessUseLiftsNameRestriction() {
        let rules = LeastPrivilegeRules.rules(for: [
            .resource(verb: "delete", resource: "secrets", namespace: "n", name: "a"),
            .resource(verb: "delete", resource: "secrets", namespace: "n"),
        ])
        #expect(rules == [PolicyRule(verbs: ["delete"], apiGroups: [""], resources: ["secrets"])])
    }

    @Test func urlsGroupedByVerbs() {
        let rules = LeastPrivilegeRules.rules(for: [
            .nonResource(verb: "get", path: "/version"), .nonResource(verb: "get", path: "/healthz"),
            .nonResource(verb: "post", path: "/logs"), .nonResource(verb: "get", path: "/logs"),
        ])
        let expected = [
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/version"]),
            PolicyRule(verbs: ["get", "post"], nonResourceURLs: ["/logs"]),
        ]
        #expect(rules == expected)
    }

    @Test func policyScopes() {
        let policy = LeastPrivilegePolicy(name: "least", groups: ["devs"], used: Self.used)
        let scopes = policy.roles.map { "\($0.kind.rawValue) \($0.namespace ?? "-")" }
        #expect(scopes == ["Role team-a", "Role team-b", "ClusterRole -"])
    }

    @Test func clusterRoleRules() {
        let policy = LeastPrivilegePolicy(name: "least", groups: ["devs"], used: Self.used)
        let expected = [
            PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["nodes", "pods"]),
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/version"]),
        ]
        #expect(policy.roles.last?.rules == expected)
    }

    @Test func bindingsNameGroups() {
        let policy = LeastPrivilegePolicy(name: "least", groups: ["ops", "devs"], used: Self.used)
        let subjects = [RBACSubject(kind: .group, name: "devs"), RBACSubject(kind: .group, name: "ops")]
        #expect(policy.bindings.allSatisfy { $0.subjects == subjects })
        #expect(policy.bindings.allSatisfy { $0.roleRef.name == "least" })
    }

    @Test func manifestText() {
        let used: [UsedRequest] = [
            .resource(verb: "get", resource: "pods", namespace: "team-a"),
            .nonResource(verb: "get", path: "/healthz"),
        ]
        let policy = LeastPrivilegePolicy(name: "least", groups: ["devs"], used: used)
        let expected = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: least
              namespace: team-a
            rules:
            - apiGroups:
              - ""
              resources:
              - pods
              verbs:
              - get
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: least
            rules:
            - nonResourceURLs:
              - "/healthz"
              verbs:
              - get
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: least
              namespace: team-a
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: least
            subjects:
            - apiGroup: rbac.authorization.k8s.io
              kind: Group
              name: devs
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: least
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: least
            subjects:
            - apiGroup: rbac.authorization.k8s.io
              kind: Group
              name: devs

            """
        #expect(policy.manifest == expected)
    }

    @Test(arguments: ["", "*", "true", "no", "1.5", "null", "/healthz", "a: b", "quote\"back\\slash", "system:masters"])
    func scalarReadsBack(text: String) throws {
        let documents = try DocumentParser.parse("key: " + RBACManifestWriter.scalar(text) + "\n")
        #expect(documents.first?["key"]?.scalarText == text)
        #expect(documents.first?["key"]?.scalar?.resolvedKind == .string)
    }

    @Test func writtenRolesParseBack() throws {
        let role = RBACRole(
            kind: .clusterRole, name: "agg", rules: Self.teamARules, labels: ["tier": "web", "on": "yes"],
            aggregationSelectors: [
                LabelSelector(matchLabels: ["a": "true"]),
                LabelSelector(matchExpressions: [.init(key: "k", operator: .notIn, values: ["x", "y"])]),
                LabelSelector(),
            ])
        let binding = RBACBinding(
            kind: .roleBinding, namespace: "n", name: "b", roleRef: role.reference,
            subjects: [
                RBACSubject(kind: .serviceAccount, name: "sa", namespace: "n"), RBACSubject(kind: .user, name: "u"),
            ])
        let text = RBACManifestWriter.manifest(roles: [role], bindings: [binding])
        let result = try RBACFixtures.parse(yaml: text)
        #expect(result.objects == [.role(role), .binding(binding)])
    }
}
