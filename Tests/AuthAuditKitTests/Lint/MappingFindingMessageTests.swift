import Testing

@testable import AuthAuditKit

/// The exact wording of every rule's message.
@Suite struct MappingFindingMessageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var problem: MappingProblem
        var message: String
        var testDescription: String { problem.ruleID }
    }

    private static let role = MappingEntryReference(
        key: .roleARN("arn:aws:iam::111122223333:role/dev"), line: 12, index: 2)
    private static let otherRole = MappingEntryReference(
        key: .roleARN("arn:aws:iam::111122223333:role/admin"), line: 8, index: 1)
    private static let user = MappingEntryReference(
        key: .userARN("arn:aws:iam::111122223333:user/bob"), line: 20, index: 1)
    private static let sso = MappingEntryReference(
        key: .ssoMatcher(permissionSetName: "ReadOnly", accountID: "111122223333"), line: 14, index: 3)
    private static let identityMapping = MappingEntryReference(
        key: .identityMapping(name: "ops", arn: "arn:aws:iam::111122223333:role/ops"), line: 6, index: 1)
    private static let ssoPath =
        "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_Dev_0123456789abcdef"

    static let cases: [Case] = [
        Case(
            problem: .invalidYAML(
                field: nil,
                error: DocumentParseError(
                    mark: DocumentMark(line: 8, column: 1),
                    reason: .syntax(
                        problem: "found unexpected end of stream", context: "while scanning a quoted scalar"))),
            message: "the file is not valid YAML (found unexpected end of stream while scanning a quoted scalar at "
                + "column 1), so nothing in it is read; correct the syntax"),
        Case(
            problem: .invalidYAML(
                field: "mapRoles",
                error: DocumentParseError(mark: DocumentMark(line: 3, column: 2), reason: .undefinedAlias(name: "x"))),
            message: "data.mapRoles is not valid YAML (the alias *x at line 3, column 2 of its text names no anchor "
                + "defined before it), so the authenticator ignores every entry in it; correct the syntax"),
        Case(
            problem: .noMappings,
            message:
                "the input contains no aws-auth ConfigMap, IAMIdentityMapping or DynamicFile document, so there is "
                + "nothing to check; pass the output of kubectl -n kube-system get configmap aws-auth -o yaml"),
        Case(
            problem: .unrecognizedDocument,
            message: "this document is not an aws-auth ConfigMap, IAMIdentityMapping or DynamicFile document and was "
                + "skipped; remove it or check that this is the right file"),
        Case(
            problem: .unsupportedKind("Deployment"),
            message: "this Deployment was skipped because it contains no IAM mappings"),
        Case(
            problem: .otherConfigMap(name: "kube-system/coredns"),
            message: "ConfigMap kube-system/coredns was skipped because only kube-system/aws-auth contains IAM mappings"
        ),
        Case(
            problem: .dataNotMapping(kind: "list"),
            message: "data of the aws-auth ConfigMap is a list, not a mapping, so it maps nobody; write mapRoles, "
                + "mapUsers and mapAccounts as keys under data"),
        Case(
            problem: .dataValueNotString(key: "mapRoles", kind: "list"),
            message: "data.mapRoles is a list, not a string, so Kubernetes rejects the whole aws-auth ConfigMap and "
                + "none of its entries apply; write `mapRoles: |` so that the list becomes a string"),
        Case(
            problem: .dataValueNotString(key: "mapAccounts", kind: "number"),
            message: "data.mapAccounts is a number, not a string, so Kubernetes rejects the whole aws-auth ConfigMap "
                + "and none of its entries apply; quote the value"),
        Case(
            problem: .dataKeyWrongCase(key: "maproles", expected: "mapRoles"),
            message: "data.maproles is ignored because aws-iam-authenticator reads data keys case-sensitively; "
                + "rename it to mapRoles"),
        Case(
            problem: .entriesNotList(field: "mapRoles", kind: "mapping"),
            message: "mapRoles is a mapping, not a list of entries, so all of it is ignored; start each item on its "
                + "own line with \"- \""),
        Case(
            problem: .invalidEntry(field: "mapRoles", index: 4, reason: "it has neither rolearn nor sso"),
            message: "mapRoles entry 4 is ignored because it has neither rolearn nor sso; correct the entry or "
                + "delete it"),
        Case(
            problem: .identityMappingWithoutARN(name: "broken"),
            message: "IAMIdentityMapping broken has no spec.arn, so it maps nobody; set spec.arn to the ARN of the "
                + "IAM role or user"),
        Case(
            problem: .identityMappingInvalidARN(name: "devs", arn: "arn:aws:iam::111122223333:group/devs"),
            message: "IAMIdentityMapping devs was skipped because spec.arn arn:aws:iam::111122223333:group/devs is "
                + "not an IAM role or user ARN; set spec.arn to arn:aws:iam::<account>:role/<name> or "
                + "arn:aws:iam::<account>:user/<name>"),
        Case(
            problem: .invalidAccountID(index: 2, text: "1234"),
            message: "mapAccounts entry 2 (1234) is not a 12-digit account id, so no ARN can match it; write the "
                + "account id as 12 digits in quotes"),
        Case(
            problem: .roleARNHasPath(
                MappingEntryReference(key: .roleARN(ssoPath), line: 8, index: 1),
                pathless: "arn:aws:iam::111122223333:role/AWSReservedSSO_Dev_0123456789abcdef"),
            message: "rolearn \(ssoPath) has a path, so it never matches: aws-iam-authenticator compares the ARN "
                + "without its path; use arn:aws:iam::111122223333:role/AWSReservedSSO_Dev_0123456789abcdef"),
        Case(
            problem: .roleARNHasPath(
                MappingEntryReference(
                    key: .userARN("arn:aws:iam::111122223333:role/service-role/deployer"), line: 14, index: 4),
                pathless: "arn:aws:iam::111122223333:role/deployer"),
            message: "userarn arn:aws:iam::111122223333:role/service-role/deployer is a role ARN with a path, so it "
                + "never matches: aws-iam-authenticator compares the role ARN without its path; map "
                + "arn:aws:iam::111122223333:role/deployer under mapRoles"),
        Case(
            problem: .sessionARN(
                MappingEntryReference(
                    key: .userARN("arn:aws:sts::111122223333:assumed-role/Dev/jane"), line: 8, index: 1),
                roleARN: "arn:aws:iam::111122223333:role/Dev"),
            message: "userarn arn:aws:sts::111122223333:assumed-role/Dev/jane is an STS assumed-role session ARN, so "
                + "it never matches: aws-iam-authenticator compares the IAM role ARN of each session; map "
                + "arn:aws:iam::111122223333:role/Dev under mapRoles"),
        Case(
            problem: .sessionARN(
                MappingEntryReference(
                    key: .roleARN("arn:aws:sts::111122223333:assumed-role/Dev/jane"), line: 8, index: 1),
                roleARN: "arn:aws:iam::111122223333:role/Dev"),
            message: "rolearn arn:aws:sts::111122223333:assumed-role/Dev/jane is an STS assumed-role session ARN, so "
                + "it never matches: aws-iam-authenticator compares the IAM role ARN of each session; use "
                + "arn:aws:iam::111122223333:role/Dev"),
        Case(
            problem: .arnHasRegion(user, region: "eu-west-1", corrected: "arn:aws:iam::111122223333:user/bob"),
            message: "userarn arn:aws:iam::111122223333:user/bob has the region eu-west-1, so it never matches: IAM "
                + "ARNs have an empty region field; use arn:aws:iam::111122223333:user/bob"),
        Case(
            problem: .invalidARN(user, reason: .unsupportedResource(service: "iam", resource: "group/devs")),
            message: "userarn arn:aws:iam::111122223333:user/bob has the resource type group of service iam, which "
                + "is neither an IAM role nor an IAM user, so it never matches; use the ARN of the IAM role or user "
                + "that signs the token"),
        Case(
            problem: .invalidARN(role, reason: .unknownPartition("aws-mars")),
            message: "rolearn arn:aws:iam::111122223333:role/dev has the partition \"aws-mars\", which "
                + "aws-iam-authenticator does not accept, so it never matches; use the ARN of the IAM role or user "
                + "that signs the token"),
        Case(
            problem: .roleARNInMapUsers(
                MappingEntryReference(key: .userARN("arn:aws:iam::111122223333:role/ci"), line: 12, index: 3)),
            message: "userarn arn:aws:iam::111122223333:role/ci is a role ARN under mapUsers: aws-iam-authenticator "
                + "still matches it, but only when no mapRoles entry matches the role; move the entry to mapRoles as "
                + "rolearn"),
        Case(
            problem: .duplicateEntry(otherRole, winnerLine: 16),
            message: "rolearn arn:aws:iam::111122223333:role/admin is mapped again on line 16, and "
                + "aws-iam-authenticator keeps only the last entry for an ARN (compared ignoring case), so this "
                + "entry is ignored; merge the two entries into one"),
        Case(
            problem: .duplicateEntry(sso, winnerLine: 14),
            message: "the sso entry for permission set ReadOnly in account 111122223333 is mapped later on the same "
                + "line, and aws-iam-authenticator keeps only the last entry for an ARN (compared ignoring case), so "
                + "this entry is ignored; merge the two entries into one"),
        Case(
            problem: .usernamesOverlap(
                role, template: "adminuser:{{SessionName}}", other: otherRole,
                otherTemplate: "adminuser:{{SessionName}}", example: "adminuser:aa"),
            message: "username adminuser:{{SessionName}} of rolearn arn:aws:iam::111122223333:role/dev and username "
                + "adminuser:{{SessionName}} of rolearn arn:aws:iam::111122223333:role/admin on line 8 can render "
                + "the same username, for example adminuser:aa, so an audit log username cannot be traced to one of "
                + "them; give each entry its own prefix"),
        Case(
            problem: .usernameWithoutSession(
                identityMapping, template: "ops", suggestion: "ops:{{SessionNameRaw}}"),
            message: "username ops of IAMIdentityMapping ops (spec.arn arn:aws:iam::111122223333:role/ops) has no "
                + "{{SessionName}}, {{SessionNameRaw}} or {{AccessKeyID}}, so every session of every person who "
                + "assumes the role gets the same Kubernetes username; use ops:{{SessionNameRaw}}"),
        Case(
            problem: .usernameWithoutSession(role, template: "", suggestion: "dev:{{SessionNameRaw}}"),
            message: "the empty username of rolearn arn:aws:iam::111122223333:role/dev has no {{SessionName}}, "
                + "{{SessionNameRaw}} or {{AccessKeyID}}, so every session of every person who assumes the role "
                + "gets the same Kubernetes username; use dev:{{SessionNameRaw}}"),
        Case(
            problem: .reservedUsernamePrefix(user, username: "amazon:bob", prefix: "amazon:"),
            message: "username amazon:bob of userarn arn:aws:iam::111122223333:user/bob starts with the reserved "
                + "prefix amazon:, which EKS access entries reject and which can collide with identities of "
                + "Kubernetes or EKS itself; choose a username that starts with none of system:, eks:, aws:, "
                + "amazon: and iam:"),
        Case(
            problem: .groupNotBound(sso, group: "viewers"),
            message: "group viewers of the sso entry for permission set ReadOnly in account 111122223333 is not a "
                + "subject of any RoleBinding or ClusterRoleBinding, so it grants no RBAC permission; bind the group "
                + "or remove it from the entry"),
        Case(
            problem: .sessionNameWithAtSign(
                role, template: "devuser:{{SessionName}}", sessionName: "jane@corp.example", count: 3),
            message: "username devuser:{{SessionName}} of rolearn arn:aws:iam::111122223333:role/dev replaces the @ "
                + "in session names with -, so the session jane@corp.example (one of 3 such session names) becomes "
                + "devuser:jane-corp.example and RBAC written for devuser:jane@corp.example never matches; use "
                + "{{SessionNameRaw}} or write RBAC subjects in the - form"),
    ]

    @Test(arguments: cases)
    func message(of testCase: Case) {
        let finding = MappingFinding(source: "aws-auth.yaml", line: 1, problem: testCase.problem)
        #expect(finding.message == testCase.message)
    }

    @Test func everyRuleHasACase() {
        let covered = Set(Self.cases.map(\.problem.ruleID))
        #expect(covered.count == 23)
    }
}
