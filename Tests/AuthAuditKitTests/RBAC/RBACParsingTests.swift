import Testing

@testable import AuthAuditKit

@Suite struct RBACParsingTests {
    @Test(arguments: RBACFixtures.bootstrapFiles)
    func bootstrapFileParses(file: String) throws {
        let result = try RBACFixtures.parse(file: file)
        #expect(result.errors == [])
        #expect(!result.objects.isEmpty)
        #expect(result.skippedObjects == 0)
    }

    @Test func rbacToolFolderIsNotEmpty() {
        #expect(RBACFixtures.rbacToolFiles.count == 11)
    }

    @Test(arguments: RBACFixtures.rbacToolFiles)
    func rbacToolManifestParses(file: String) throws {
        let result = try RBACFixtures.parse(file: file)
        #expect(result.errors == [])
        #expect(!result.objects.isEmpty)
    }

    @Test(arguments: ["admin", "edit", "view"])
    func bootstrapAggregatedRoleGetsRules(name: String) throws {
        let policy = try RBACFixtures.policy(files: RBACFixtures.bootstrapFiles)
        let role = try #require(policy.role(RoleReference(kind: .clusterRole, name: name), namespace: nil))
        #expect(role.rules.isEmpty)
        #expect(policy.effectiveRules(of: role).count > 5)
    }

    @Test func adminIncludesEditAndViewRules() throws {
        let policy = try RBACFixtures.policy(files: RBACFixtures.bootstrapFiles)
        let admin = Set(
            try #require(policy.rules(of: RoleReference(kind: .clusterRole, name: "admin"), bindingNamespace: nil)))
        let edit = Set(
            try #require(policy.rules(of: RoleReference(kind: .clusterRole, name: "edit"), bindingNamespace: nil)))
        let view = Set(
            try #require(policy.rules(of: RoleReference(kind: .clusterRole, name: "view"), bindingNamespace: nil)))
        #expect(view.isSubset(of: edit))
        #expect(edit.isSubset(of: admin))
        #expect(edit.count > view.count)
    }

    @Test func bootstrapViewAllowsListingPodsNotSecrets() throws {
        let policy = try RBACFixtures.policy(files: RBACFixtures.bootstrapFiles)
        let view = try #require(
            policy.rules(of: RoleReference(kind: .clusterRole, name: "view"), bindingNamespace: nil))
        let listPods = RequestAttributes.resource(user: "u", verb: "list", resource: "pods", namespace: "a")
        let getSecret = RequestAttributes.resource(
            user: "u", verb: "get", resource: "secrets", namespace: "a", name: "s")
        #expect(view.contains { $0.allows(listPods) })
        #expect(!view.contains { $0.allows(getSecret) })
    }

    @Test func v1beta1RoleBindingParses() throws {
        let result = try RBACFixtures.parse(file: "corpus/k8s-bootstrappolicy/namespace-role-bindings.yaml")
        let expected = RBACBinding(
            kind: .roleBinding, namespace: "kube-public", name: "system:controller:bootstrap-signer",
            roleRef: RoleReference(kind: .role, name: "system:controller:bootstrap-signer"),
            subjects: [RBACSubject(kind: .serviceAccount, name: "bootstrap-signer", namespace: "kube-system")])
        #expect(result.objects.first == .binding(expected))
    }

    @Test func bindingWithoutSubjectsParses() throws {
        let policy = try RBACFixtures.policy(files: RBACFixtures.bootstrapFiles)
        let node = policy.bindings.first { $0.kind == .clusterRoleBinding && $0.name == "system:node" }
        #expect(node?.subjects == [])
    }

    @Test func rbacToolAggregateRoleGetsRules() throws {
        let policy = try RBACFixtures.policy(
            files: ["corpus/alcideio-rbac-tool/rbac-manifests/whocan__clusterrole-aggregate.yaml"])
        let rules = policy.rules(of: RoleReference(kind: .clusterRole, name: "test-aggregate"), bindingNamespace: nil)
        let expected = [
            PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods"]),
            PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods"]),
        ]
        #expect(rules == expected)
    }

    @Test func rawListItemsWithoutKindParse() throws {
        let result = try RBACFixtures.parse(
            yaml: """
                {"kind":"RoleBindingList","items":[{"metadata":{"name":"b","namespace":"n"},
                 "roleRef":{"kind":"Role","name":"r"},"subjects":[{"kind":"ServiceAccount","name":"sa"}]}]}
                """)
        let expected = RBACBinding(
            kind: .roleBinding, namespace: "n", name: "b", roleRef: RoleReference(kind: .role, name: "r"),
            subjects: [RBACSubject(kind: .serviceAccount, name: "sa")])
        #expect(result.objects == [.binding(expected)])
    }

    @Test func otherKindsAreSkipped() throws {
        let result = try RBACFixtures.parse(yaml: "kind: ServiceAccount\nmetadata: {name: x}\n")
        #expect(result.skippedObjects == 1)
    }

    @Test func labelsAndExpressionsParse() throws {
        let result = try RBACFixtures.parse(
            yaml: """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: agg, labels: {team: a, enabled: true}}
                aggregationRule:
                  clusterRoleSelectors:
                  - matchExpressions: [{key: tier, operator: In, values: [web]}]
                """)
        let expected = RBACRole(
            kind: .clusterRole, name: "agg", rules: [], labels: ["team": "a", "enabled": "true"],
            aggregationSelectors: [
                LabelSelector(matchExpressions: [.init(key: "tier", operator: .in, values: ["web"])])
            ])
        #expect(result.objects == [.role(expected)])
    }

    @Test(arguments: [
        (
            "apiVersion: rbac.authorization.k8s.io/v2\nkind: Role\nmetadata: {name: r, namespace: n}\n",
            RBACParseError.Problem.unsupportedAPIVersion("rbac.authorization.k8s.io/v2")
        ),
        ("kind: Role\nmetadata: {namespace: n}\n", .missingField(path: "metadata.name")),
        ("kind: Role\nmetadata: {name: r}\n", .missingField(path: "metadata.namespace")),
        (
            "kind: ClusterRole\nmetadata: {name: r}\nrules: {verbs: [get]}\n",
            .wrongType(path: "rules", expected: "list", found: "mapping")
        ),
        (
            "kind: ClusterRole\nmetadata: {name: r}\nrules: [{verbs: get}]\n",
            .wrongType(path: "rules[0].verbs", expected: "list", found: "string")
        ),
        ("kind: ClusterRoleBinding\nmetadata: {name: b}\n", .missingField(path: "roleRef")),
        ("kind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: r}\n", .clusterRoleBindingToRole),
        (
            "kind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {kind: Thing, name: r}\n",
            .unknownRoleReferenceKind("Thing")
        ),
        (
            "kind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: r}\n"
                + "subjects: [{kind: Robot, name: x}]\n",
            .unknownSubjectKind(path: "subjects[0].kind", kind: "Robot")
        ),
        (
            "kind: ClusterRole\nmetadata: {name: r}\n"
                + "aggregationRule: {clusterRoleSelectors: [{matchExpressions: [{key: k, operator: Near}]}]}\n",
            .unknownSelectorOperator(
                path: "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator", operator: "Near")
        ),
    ])
    func invalidObjectIsReported(yaml: String, problem: RBACParseError.Problem) throws {
        let result = try RBACFixtures.parse(yaml: yaml)
        #expect(result.errors.map(\.problem) == [problem])
    }
}
