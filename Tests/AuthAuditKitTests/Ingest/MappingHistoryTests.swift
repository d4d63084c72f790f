import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct MappingHistoryTests {
    private func mapping(_ username: String) -> AwsAuthMapping {
        AwsAuthMapping(roles: [RoleMapping(roleARN: "arn:aws:iam::111122223333:role/Dev", username: username, groups: [])])
    }

    private func version(_ username: String, at seconds: Int64?) -> MappingHistory.Version {
        MappingHistory.Version(
            kind: InputKind.awsAuthConfigMap.rawValue, effectiveAt: seconds.map(Timestamp.init(seconds:)),
            mapping: mapping(username))
    }

    @Test func newestDatedVersionBeforeTimeWins() {
        let history = MappingHistory(versions: [version("a", at: 100), version("b", at: 200), version("c", at: 300)])
        #expect(history.mappings(at: Timestamp(seconds: 250)) == [mapping("b")])
    }

    @Test func undatedVersionsBeforeFirstUpdate() {
        let history = MappingHistory(versions: [version("file", at: nil), version("update", at: 200)])
        #expect(history.mappings(at: Timestamp(seconds: 100)) == [mapping("file")])
        #expect(history.mappings(at: Timestamp(seconds: 200)) == [mapping("update")])
    }

    @Test func oldestDatedVersionWhenNothingEarlier() {
        let history = MappingHistory(versions: [version("later", at: 500), version("latest", at: 900)])
        #expect(history.mappings(at: Timestamp(seconds: 100)) == [mapping("later")])
    }

    @Test func singleVersionIsNotTimeDependent() {
        #expect(MappingHistory(versions: [version("a", at: 100)]).isTimeDependent == false)
        #expect(MappingHistory(versions: [version("a", at: nil), version("b", at: 100)]).isTimeDependent)
    }

    @Test func auditLogUpdateResolvesLaterRequests() throws {
        let directory = try TemporaryDirectory()
        let configMap = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: aws-auth, namespace: kube-system}
            data:
              mapRoles: |
                - rolearn: arn:aws:iam::111122223333:role/Dev
                  username: olduser:{{SessionName}}
                  groups: [dev]
            """
        try configMap.write(toFile: directory.path("aws-auth.yaml"), atomically: true, encoding: .utf8)

        let updated = #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"aws-auth","namespace":"kube-system"},"data":{"mapRoles":"- rolearn: arn:aws:iam::111122223333:role/Dev\n  username: newuser:{{SessionName}}\n  groups: [dev]\n"}}"#
        let update = """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"0b0e1e6a-0000-4000-8000-000000000001","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/kube-system/configmaps/aws-auth","verb":"update","user":{"username":"kubernetes-admin","groups":["system:masters"]},"objectRef":{"resource":"configmaps","namespace":"kube-system","name":"aws-auth","apiVersion":"v1"},"responseStatus":{"code":200},"responseObject":\(updated),"requestReceivedTimestamp":"2024-05-01T08:00:00.000000Z","stageTimestamp":"2024-05-01T08:00:00.100000Z"}
            """
        let request = """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"0b0e1e6a-0000-4000-8000-000000000002","stage":"ResponseComplete","requestURI":"/api/v1/pods","verb":"list","user":{"username":"newuser:alice","uid":"aws-iam-authenticator:111122223333:AROAEXAMPLEEXAMPLE01","groups":["dev","system:authenticated"]},"objectRef":{"resource":"pods","apiVersion":"v1"},"responseStatus":{"code":200},"requestReceivedTimestamp":"2024-05-01T09:00:00.000000Z","stageTimestamp":"2024-05-01T09:00:00.010000Z"}
            """
        try (update + "\n" + request + "\n").write(toFile: directory.path("audit.log"), atomically: true, encoding: .utf8)

        let store = try AuditStore(path: directory.path("store.db"))
        let summary = try Ingester(store: store, options: IngestOptions(), observer: nil).run(arguments: [directory.url.path])
        #expect(summary.mappingUpdates == 1)
        let resolution = try store.connection.prepare(
            """
            SELECT r.iam_arn, r.person FROM identity_resolutions r JOIN identities i ON i.id = r.identity_id
            JOIN usernames u ON u.id = i.username_id WHERE u.name = 'newuser:alice'
            """)
        #expect(try resolution.step())
        #expect(resolution.text(at: 0) == "arn:aws:iam::111122223333:role/Dev")
        #expect(resolution.text(at: 1) == "alice")
    }
}
