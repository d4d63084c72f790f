import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct InputKindDetectorTests {
    private func detect(_ bytes: [UInt8]) -> InputKind {
        bytes.withUnsafeBytes { InputKindDetector.detect(prefix: $0) }
    }

    private func detect(_ text: String) -> InputKind {
        detect(Array(text.utf8))
    }

    /// The first 64 KiB of a fixture, as a reader would pass them.
    private func detect(fixture relative: String) throws -> InputKind {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(relative)))
        return detect(Array(data.prefix(InputKindDetector.prefixLength)))
    }

    @Test(arguments: [
        ("corpus/audit2rbac/demo-v1beta1.log", InputKind.auditEventLines),
        ("corpus/audit2rbac/demo-v1-relabelled.log", .auditEventLines),
        ("corpus/alcideio-rbac-tool/auditgen/testdata-01.json", .auditEventLines),
        ("corpus/falco-k8saudit-traces/create_clusterrole.json", .auditEventLines),
        ("corpus/falco-k8saudit-traces/fal_01_003.json", .auditEventLines),
        ("corpus/aws-iam-authenticator/aws-auth-configmaps/aws-auth.yaml", .awsAuthConfigMap),
        ("corpus/aws-iam-authenticator/aws-auth-configmaps/aws-auth-crazy-case-top-keys.yaml", .awsAuthConfigMap),
        ("corpus/aws-iam-authenticator/aws-auth-configmaps/aws-auth-missing-bar.yaml", .awsAuthConfigMap),
        ("corpus/aws-iam-authenticator/example-iamidentitymapping.yaml", .iamIdentityMapping),
        ("corpus/aws-iam-authenticator/dynamicfile/access-entries.template.json", .dynamicFileMapping),
        ("corpus/k8s-bootstrappolicy/cluster-roles.yaml", .rbac),
        ("corpus/k8s-bootstrappolicy/cluster-role-bindings.yaml", .rbac),
        ("corpus/k8s-bootstrappolicy/namespace-roles.yaml", .rbac),
        ("corpus/alcideio-rbac-tool/rbac-manifests/whocan__impersonator.yaml", .rbac),
        ("corpus/alcideio-rbac-tool/rbac-manifests/viz__multiple-rolebindings-in-ns.yaml", .rbac),
        ("corpus/eks-best-practices/eks-audit-policy.yaml", .unknown),
        ("formats/authenticator/v0.6-text.log", .authenticatorLog),
        ("formats/authenticator/json.log", .authenticatorLog),
        ("formats/authenticator/prefixed.log", .authenticatorLog),
        ("formats/authenticator/tty.log", .authenticatorLog),
    ])
    func corpusFile(relative: String, expected: InputKind) throws {
        #expect(try detect(fixture: relative) == expected)
    }

    @Test(arguments: [
        ("sorted keys", #"{"annotations":{},"auditID":"a","kind":"Event"}"# + "\n", InputKind.auditEventLines),
        ("kind only", #"{"kind": "Event", "verb": "get"}"#, .auditEventLines),
        ("batch line", #"{"kind":"EventList","items":[]}"#, .auditEventLines),
        ("huge first line cut by the prefix", #"{"kind":"Event","requestObject":{"data":"xxxxxxxx"#, .auditEventLines),
        ("pretty event", "{\n  \"kind\": \"Event\",\n  \"auditID\": \"a\"\n}\n", .auditEventDocument),
        ("pretty batch", "{\n  \"kind\": \"EventList\",\n  \"items\": [\n", .auditEventDocument),
        ("pretty event without kind", "{\n  \"level\": \"Metadata\",\n  \"auditID\": \"a\"\n}", .auditEventDocument),
        ("klog line before events",
         "I0625 07:05:00.000000 1 flags.go:64] FLAG: --audit-log-path=\"-\"\n"
            + #"{"kind":"Event","auditID":"a","stage":"ResponseComplete"}"#, .auditEventLines),
        ("cut line before events",
         #"e":"ResponseComplete","verb":"get"}"# + "\n" + #"{"kind":"Event","auditID":"b"}"#, .auditEventLines),
        ("text without events", "I0625 07:05:00.000000 1 flags.go:64] FLAG: x\n{\"level\":1}\nplain\n", .unknown),
        ("logrus json", #"{"level":"info","msg":"access granted","time":"2024-01-01T00:00:00Z"}"#, .authenticatorLog),
        ("logrus text", #"time="2024-01-01T00:00:00Z" level=info msg="mapping IAM role""#, .authenticatorLog),
        ("logrus without time", #"level=warning msg="access denied" error="x""#, .authenticatorLog),
        ("stern prefix", #"pod-1 authenticator time="2024-01-01T00:00:00Z" level=info msg=x"#, .authenticatorLog),
        ("tty", "INFO[0000] mapping IAM role   role=x\n", .authenticatorLog),
        ("configmap json", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"aws-auth"},"data":{}}"#,
         .awsAuthConfigMap),
        ("configmap json by data", "{\n \"kind\": \"ConfigMap\",\n \"data\": {\"mapUsers\": \"[]\"}\n}",
         .awsAuthConfigMap),
        ("other configmap", #"{"kind":"ConfigMap","metadata":{"name":"coredns"},"data":{"Corefile":""}}"#,
         .unknown),
        ("other configmap yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n", .unknown),
        ("list of configmaps", "{\n\"kind\": \"List\", \"items\": [{\"kind\": \"ConfigMap\", "
            + "\"metadata\": {\"name\": \"aws-auth\"}}]}", .awsAuthConfigMap),
        ("identity mapping list json", "{\n\"kind\": \"IAMIdentityMappingList\", \"items\": []}", .iamIdentityMapping),
        ("dynamic users", "{\n  \"mapUsers\": []\n}", .dynamicFileMapping),
        ("rbac list json", "{\n \"apiVersion\": \"v1\",\n \"items\": [{\"kind\": \"ClusterRole\", \"rules\": []}]",
         .rbac),
        ("role binding json", #"{"kind":"RoleBinding","roleRef":{"kind":"Role","name":"x"}}"#, .rbac),
        ("rbac yaml", "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n", .rbac),
        ("rbac yaml quoted", "kind: \"Role\"  # a role\n", .rbac),
        ("role list yaml", "apiVersion: v1\nkind: RoleList\nitems: []\n", .rbac),
        ("list of pods", "apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n", .unknown),
        ("ldif", "version: 1\n\ndn: CN=Jane,OU=Users,DC=corp,DC=example\nobjectClass: user\n", .ldif),
        ("ldif without version", "dn: uid=jane,ou=people,dc=example,dc=org\n", .ldif),
        ("ldapsearch", "# extended LDIF\n#\n# LDAPv3\n# base <dc=example,dc=org>\n", .ldif),
        ("bom and blank lines", "\u{FEFF}\n\n  \n" + #"{"auditID":"a"}"#, .auditEventLines),
        ("empty", "", .unknown),
        ("blank", "\n\n", .unknown),
        ("plain text", "hello world\n", .unknown),
        ("json array", #"[{"auditID":"a"}]"#, .unknown),
        ("cloudwatch json without audit keys", #"{"messageType":"DATA_MESSAGE","logEvents":[]}"#, .unknown),
    ])
    func inlineSample(name: String, text: String, expected: InputKind) {
        #expect(detect(text) == expected, "\(name)")
    }
}
