import Testing

@testable import AuthAuditKit

@Suite struct AccessEntryParserTests {
    private static let adminRole = "arn:aws:iam::111122223333:role/platform/eks/EksAdmin"
    private static let nodeRole = "arn:aws:iam::111122223333:role/NodeInstanceRole"
    private static let user = "arn:aws:iam::111122223333:user/division/bob"
    private static let allFiles = [
        "list-access-entries.json", "describe-access-entries.json", "list-associated-access-policies.json",
        "list-associated-access-policies.yaml",
    ]

    private func read(_ names: [String] = allFiles) throws -> (entries: [AccessEntry], diagnostics: [Diagnostic]) {
        AccessEntryParser.read(try AssignmentFixtures.inputs(names))
    }

    private func entry(_ arn: String, in names: [String] = allFiles) throws -> AccessEntry? {
        try read(names).entries.first { $0.principalARN == arn }
    }

    // MARK: - Default usernames and groups

    @Test(arguments: [
        (
            "arn:aws:iam::111122223333:user/bob", AccessEntryType.standard,
            "arn:aws:iam::111122223333:user/bob"
        ),
        (
            "arn:aws:iam::111122223333:user/division/bob", .standard,
            "arn:aws:iam::111122223333:user/division/bob"
        ),
        (
            "arn:aws:iam::111122223333:role/EksAdmin", .standard,
            "arn:aws:sts::111122223333:assumed-role/EksAdmin/{{SessionName}}"
        ),
        (
            "arn:aws:iam::111122223333:role/platform/eks/EksAdmin", .standard,
            "arn:aws:sts::111122223333:assumed-role/EksAdmin/{{SessionName}}"
        ),
        (
            "arn:aws-cn:iam::111122223333:role/CnAdmin", .standard,
            "arn:aws-cn:sts::111122223333:assumed-role/CnAdmin/{{SessionName}}"
        ),
        ("arn:aws:iam::111122223333:role/Node", .ec2Linux, "system:node:{{EC2PrivateDNSName}}"),
        ("arn:aws:iam::111122223333:role/Node", .ec2Windows, "system:node:{{EC2PrivateDNSName}}"),
        ("arn:aws:iam::111122223333:role/Node", .ec2, "system:node:{{EC2PrivateDNSName}}"),
        ("arn:aws:iam::111122223333:role/Pods", .fargateLinux, "system:node:{{SessionName}}"),
        ("arn:aws:iam::111122223333:role/Hybrid", .hybridLinux, "system:node:{{SessionName}}"),
        (
            "arn:aws:iam::111122223333:role/Custom", AccessEntryType(rawValue: "NEW_KIND"),
            "arn:aws:sts::111122223333:assumed-role/Custom/{{SessionName}}"
        ),
    ])
    func defaultUsername(principal: String, type: AccessEntryType, expected: String) {
        let entry = AccessEntry(principalARN: principal, type: type)
        #expect(entry.effectiveUsername == expected)
    }

    @Test func storedUsernameWins() {
        let entry = AccessEntry(
            principalARN: "arn:aws:iam::111122223333:role/Dev", type: .standard, username: "dev:{{SessionName}}")
        #expect(entry.effectiveUsername == "dev:{{SessionName}}")
    }

    @Test(arguments: [
        (AccessEntryType.ec2Linux, [String](), ["system:nodes"]),
        (.hybridLinux, [], ["system:nodes"]),
        (.ec2Linux, ["system:nodes"], ["system:nodes"]),
        (.standard, [], []),
        (.standard, ["viewers"], ["viewers"]),
    ])
    func effectiveGroups(type: AccessEntryType, groups: [String], expected: [String]) {
        let entry = AccessEntry(principalARN: "arn:aws:iam::111122223333:role/R", type: type, kubernetesGroups: groups)
        #expect(entry.effectiveGroups == expected)
    }

    @Test(arguments: [
        (AccessEntryType.standard, false), (.ec2Linux, true), (.ec2Windows, true), (.ec2, true),
        (.fargateLinux, true), (.hybridLinux, true), (.hyperPodLinux, true), (AccessEntryType(rawValue: "X"), false),
    ])
    func nodeTypes(type: AccessEntryType, isNode: Bool) {
        #expect(type.isNode == isNode)
    }

    // MARK: - Mapping

    @Test func roleWithPathMapsWithoutPath() throws {
        let admin = try #require(try entry(Self.adminRole))
        let expected = RoleMapping(
            roleARN: "arn:aws:iam::111122223333:role/EksAdmin",
            username: "arn:aws:sts::111122223333:assumed-role/EksAdmin/{{SessionName}}", groups: ["platform-admins"])
        #expect(admin.mapping() == .role(expected))
    }

    @Test func userMapsWithPath() throws {
        let bob = try #require(try entry(Self.user))
        let expected = UserMapping(userARN: Self.user, username: Self.user, groups: [])
        #expect(bob.mapping() == .user(expected))
    }

    @Test func awsAuthMappingCollectsRolesAndUsers() throws {
        let mapping = AwsAuthMapping(accessEntries: try read().entries)
        #expect(mapping.roles.count == 6)
        #expect(mapping.users.map(\.userARN) == [Self.user])
        let node = mapping.roles.first { $0.roleARN == Self.nodeRole }
        #expect(node?.username == "system:node:{{EC2PrivateDNSName}}")
    }

    // MARK: - Parsing and joining

    @Test func describedEntryFields() throws {
        let admin = try #require(try entry(Self.adminRole))
        #expect(admin.clusterName == "prod")
        #expect(admin.type == .standard)
        #expect(admin.username == nil)
        #expect(admin.tags == ["team": "platform"])
        #expect(admin.createdAt == "2024-02-10T08:15:30.250000+00:00")
        #expect(admin.accessEntryARN?.hasSuffix("/0ac6f1f2-1a2b-3c4d-5e6f-0123456789ab") == true)
    }

    @Test func epochTimestampsStayText() throws {
        let bob = try #require(try entry(Self.user))
        #expect(bob.createdAt == "1707552931.5")
    }

    @Test(arguments: [
        ("AmazonEKSClusterAdminPolicy", AccessScope.cluster),
        ("AmazonEKSEditPolicy", AccessScope(kind: .namespace, namespaces: ["team-a", "dev-*"])),
    ])
    func policyScopes(policy: String, scope: AccessScope) throws {
        let admin = try #require(try entry(Self.adminRole))
        #expect(admin.policies.first { $0.policyName == policy }?.scope == scope)
    }

    @Test func policyCountAndTimes() throws {
        let admin = try #require(try entry(Self.adminRole))
        #expect(admin.policies.count == 2)
        #expect(admin.policies.last?.modifiedAt == "2024-02-12T10:00:00.000000+00:00")
    }

    @Test(arguments: [
        ("accessScope type namespace lists no namespaces", 23),
        ("accessScope type 'account' is neither cluster nor namespace", 30),
    ])
    func badPoliciesAreDropped(fragment: String, line: Int) throws {
        let result = AccessEntryParser.parse(
            try AssignmentFixtures.bytes("list-associated-access-policies.json"), source: "p")
        let match = result.diagnostics.first { $0.line == line }
        #expect(match.map { AssignmentFixtures.reasons([$0]).first?.contains(fragment) == true } == true)
    }

    @Test func yamlPoliciesWithoutDescribeMakeEntry() throws {
        let auditor = try #require(try entry("arn:aws:iam::111122223333:role/Auditor"))
        #expect(auditor.clusterName == "staging")
        #expect(auditor.type == nil)
        #expect(auditor.policies.map(\.scope) == [AccessScope(kind: .namespace, namespaces: ["monitoring"])])
    }

    @Test func listedOnlyEntryIsKeptAndNoted() throws {
        let result = try read()
        let listed = result.entries.first { $0.principalARN == "arn:aws:iam::111122223333:role/ListedOnly" }
        #expect(listed?.type == nil)
        #expect(listed?.clusterName == nil)
        let notes = result.diagnostics.filter { $0.severity == .note }
        #expect(notes.map(\.source) == ["list-access-entries.json", "list-associated-access-policies.yaml"])
    }

    @Test func listedAndDescribedEntriesMerge() throws {
        let result = try read()
        #expect(result.entries.filter { $0.principalARN == Self.adminRole }.count == 1)
        #expect(result.entries.count == 7)
    }

    @Test(arguments: [
        ("list-access-entries.json", 7),
        ("describe-access-entries.json", 53),
    ])
    func sessionARNsAreRejected(source: String, line: Int) throws {
        let result = try read()
        let match = result.diagnostics.first { $0.source == source && $0.line == line }
        #expect(match?.severity == .error)
        #expect(
            AssignmentFixtures.reasons(match.map { [$0] } ?? []).first?.contains("is not an IAM role or IAM user ARN")
                == true)
    }

    @Test func unknownTypeIsWarned() {
        let text = #"{"accessEntry": {"principalArn": "arn:aws:iam::111122223333:role/R", "type": "NEW_KIND"}}"#
        let result = AccessEntryParser.parse(text, source: "x")
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.inventory.joined().entries.first?.type == AccessEntryType(rawValue: "NEW_KIND"))
    }

    @Test(arguments: [
        (#"{"accessEntries": "arn:aws:iam::111122223333:role/R"}"#, "accessEntries is a string, not a list."),
        (
            #"{"accessEntry": {"principalArn": "arn:aws:iam::1:role/R", "kubernetesGroups": "a"}}"#,
            "kubernetesGroups is a string"
        ),
        (#"{"accessEntry": {"clusterName": "c"}}"#, "principalArn is missing."),
        (#"{"associatedAccessPolicies": [], "clusterName": "c"}"#, "principalArn is missing."),
    ])
    func malformedDocuments(text: String, fragment: String) {
        let result = AccessEntryParser.parse(text, source: "x")
        #expect(result.inventory.joined().entries.isEmpty)
        #expect(AssignmentFixtures.reasons(result.diagnostics).first?.contains(fragment) == true)
    }
}
