import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct AssignmentKindDetectorTests {
    @Test(arguments: [
        ("sso-assignments.yaml", AssignmentKind.ssoAssignments),
        ("sso-assignments-bad.yaml", .ssoAssignments),
        ("list-account-assignments.json", .ssoAccountAssignments),
        ("list-account-assignments-loop.json", .ssoAccountAssignments),
        ("list-groups.json", .identityStoreGroups),
        ("describe-permission-set.json", .ssoPermissionSet),
        ("list-access-entries.json", .eksAccessEntryList),
        ("describe-access-entries.json", .eksAccessEntry),
        ("list-associated-access-policies.json", .eksAssociatedAccessPolicies),
        ("list-associated-access-policies.yaml", .eksAssociatedAccessPolicies),
    ])
    func fixture(name: String, expected: AssignmentKind) throws {
        #expect(AssignmentKindDetector.detect(prefix: try AssignmentFixtures.bytes(name)) == expected)
    }

    @Test(arguments: [
        (
            "compact one line", #"{"accessEntry":{"principalArn":"arn:aws:iam::1:role/R"}}"#,
            AssignmentKind.eksAccessEntry
        ),
        ("BOM and blank lines", "\u{FEFF}\n\n" + #"{"accessEntries": []}"#, .eksAccessEntryList),
        (
            "own format as JSON", #"{"apiVersion":"authaudit/v1","kind":"SSOAssignments","assignments":[]}"#,
            .ssoAssignments
        ),
        ("empty group list", #"{"Groups": []}"#, .identityStoreGroups),
        ("truncated prefix", #"{"AccountAssignments": [{"AccountId": "1111"#, .ssoAccountAssignments),
        ("yaml list-groups", "Groups:\n- DisplayName: Admins\n  GroupId: 906752a4e0-1\n", .identityStoreGroups),
        (
            "yaml permission set",
            "PermissionSet:\n  Name: Admin\n  PermissionSetArn: arn:aws:sso:::permissionSet/x/y\n",
            .ssoPermissionSet
        ),
        ("yaml quoted kind", "apiVersion: authaudit/v1\nkind: \"SSOAssignments\"\n", .ssoAssignments),
        ("yaml access entries", "accessEntries:\n- arn:aws:iam::111122223333:role/R\n", .eksAccessEntryList),
    ])
    func inlineInput(label: String, text: String, expected: AssignmentKind) {
        #expect(AssignmentKindDetector.detect(prefix: Array(text.utf8)) == expected, "\(label)")
    }

    @Test(arguments: [
        ("audit event", #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a"}"#),
        ("kubernetes group list", #"{"kind":"GroupList","Groups":[{"GroupId":"x"}]}"#),
        ("policies without principal", #"{"associatedAccessPolicies": []}"#),
        ("permission set without ARN", #"{"PermissionSet": {"Name": "x"}}"#),
        ("groups of other shape", #"{"Groups": [{"name": "x"}]}"#),
        ("aws-auth configmap", "apiVersion: v1\nkind: ConfigMap\ndata:\n  mapRoles: |\n    - rolearn: x\n"),
        ("nested key only", "spec:\n  accessEntries: []\n"),
        ("empty", ""),
        ("whitespace", " \n\t\n"),
    ])
    func otherInputsAreNotAssignments(label: String, text: String) {
        #expect(AssignmentKindDetector.detect(prefix: Array(text.utf8)) == nil, "\(label)")
    }

    @Test(arguments: [
        "corpus/aws-iam-authenticator/aws-auth-configmaps/aws-auth.yaml",
        "corpus/aws-iam-authenticator/dynamicfile/access-entries.template.json",
        "corpus/audit2rbac/demo-v1beta1.log",
        "corpus/k8s-bootstrappolicy/cluster-roles.yaml",
    ])
    func corpusFilesAreNotAssignments(relative: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(relative)))
        #expect(AssignmentKindDetector.detect(prefix: Array(data.prefix(InputKindDetector.prefixLength))) == nil)
    }

    @Test(arguments: AssignmentKind.allCases)
    func kindRoutesToOneParser(kind: AssignmentKind) {
        let ssoKinds: Set<AssignmentKind> = [
            .ssoAssignments, .ssoAccountAssignments, .identityStoreGroups, .ssoPermissionSet,
        ]
        #expect(kind.isSSO == ssoKinds.contains(kind))
    }
}
