import Foundation
import Glibc
import Testing

/// `authaudit tail --mapping`: printed requests name the IAM role from the aws-auth ConfigMap, and
/// SIGHUP reads a changed ConfigMap again.
@Suite struct TailIdentityEndToEndTests {
    private static func configMap(role: String) -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth, namespace: kube-system}
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/\(role)
              username: dev:{{SessionName}}
              groups: [dev]
        """
    }

    private static func request(_ number: Int) -> String {
        var line = AuditEventLine(auditID: AuditEventLine.auditID(number))
        line.username = Array("dev:alice".utf8)
        return String(decoding: line.data, as: UTF8.self)
    }

    @Test func hangupReloadsMapping() throws {
        let sandbox = try EndToEndSandbox()
        let mapping = try sandbox.write(Data(Self.configMap(role: "Ops").utf8), to: "aws-auth.yaml")
        let log = try sandbox.write(Data(Self.request(1).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [log, "--mapping", mapping])
        #expect(tail.waitForOutput(count: 1))
        // The Ops role's template produces the same usernames, so the request is taken for it.
        #expect(tail.printedObjects.first?["iamPrincipal"] as? String == "arn:aws:iam::111122223333:role/Ops")

        try Data(Self.configMap(role: "Dev").utf8).write(to: URL(fileURLWithPath: mapping))
        tail.send(SIGHUP)
        #expect(Deadline.wait(seconds: 15) { tail.standardError.contains("reloaded") })
        let writer = try LogWriter(path: log)
        try writer.write(Self.request(2))
        #expect(tail.waitForOutput(count: 2))
        #expect(tail.stop() == 0)

        let principals = tail.printedObjects.map { $0["iamPrincipal"] as? String }
        #expect(principals == ["arn:aws:iam::111122223333:role/Ops", "arn:aws:iam::111122223333:role/Dev"])
        let users = tail.printedObjects.map { $0["user"] as? String }
        #expect(users == ["dev:alice", "dev:alice"])
    }

    /// Reports and whois read `identity_resolutions`, which tail fills when it stops.
    @Test func storeResolvedAfterStop() throws {
        let sandbox = try EndToEndSandbox()
        let mapping = try sandbox.write(Data(Self.configMap(role: "Ops").utf8), to: "aws-auth.yaml")
        let log = try sandbox.write(Data(Self.request(1).utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [log, "--mapping", mapping])
        #expect(tail.waitForOutput(count: 1))
        #expect(tail.stop() == 0)

        let principals = try sandbox.queryTexts("SELECT iam_arn FROM identity_resolutions WHERE requests > 0")
        #expect(principals == ["arn:aws:iam::111122223333:role/Ops"])
    }

    @Test func userFilterMatchesUsername() throws {
        let sandbox = try EndToEndSandbox()
        var other = AuditEventLine(auditID: AuditEventLine.auditID(2))
        other.username = Array("bob".utf8)
        let content = Self.request(1) + String(decoding: other.data, as: UTF8.self)
        let log = try sandbox.write(Data(content.utf8), to: "logs/audit.log")
        let tail = try TailProcess(sandbox, [log, "--user", "bob"])
        #expect(tail.waitForOutput(count: 1))
        #expect(tail.stop() == 0)
        #expect(tail.printedAuditIDs == [AuditEventLine.auditID(2)])
    }
}
