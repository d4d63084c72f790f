import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct TailOutputTests {
    private let forbidden = TailRequest(
        time: Timestamp(microseconds: 1_714_550_400_250_000), auditID: "a1", username: "dev:alice",
        groups: ["dev"], person: "alice", iamPrincipal: "arn:aws:iam::111122223333:role/Dev", verb: "get",
        resource: "secrets", namespace: "prod", name: "db", code: 403, outcome: .forbidden, source: "audit.log")

    @Test func textColumnsWithoutColor() {
        let line = TailRenderer(format: .text, usesColor: false).render(forbidden)
        #expect(
            line == "2024-05-01T08:00:00.250000Z  alice  arn:aws:iam::111122223333:role/Dev  get  secrets  prod  forbidden\n")
    }

    @Test func colorOnlyWhenAsked() {
        let line = TailRenderer(format: .text, usesColor: true).render(forbidden)
        #expect(line.contains("\u{1B}[31mforbidden\u{1B}[0m"))
    }

    @Test func jsonLineParses() throws {
        let line = TailRenderer(format: .json, usesColor: true).render(forbidden)
        #expect(line.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["person"] as? String == "alice")
        #expect(object["code"] as? Int == 403)
        #expect(object["decision"] as? String == "forbidden")
        #expect(!line.contains("\u{1B}"))
    }

    @Test func filterConditions() {
        var allowed = forbidden
        allowed.outcome = .allowed
        #expect(TailFilter(onlyFailures: true).matches(forbidden))
        #expect(!TailFilter(onlyFailures: true).matches(allowed))
        #expect(TailFilter(users: ["alice"]).matches(forbidden))
        #expect(TailFilter(users: ["dev:alice"]).matches(forbidden))
        #expect(!TailFilter(users: ["bob"]).matches(forbidden))
        #expect(TailFilter(groups: ["dev"]).matches(forbidden))
        #expect(!TailFilter(groups: ["ops"]).matches(forbidden))
        #expect(TailFilter(namespaces: ["prod"]).matches(forbidden))
        #expect(!TailFilter(namespaces: ["dev"]).matches(forbidden))
    }
}

@Suite struct CheckpointTableTests {
    @Test func savedCheckpointsLoadAgain() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path("store.db"))
        let table = try CheckpointTable(connection: store.connection)
        let first = FollowedFileIdentity(device: 1, inode: 2, headLength: 10, headHash: UInt64.max)
        let rewritten = FollowedFileIdentity(device: 1, inode: 2, headLength: 1024, headHash: 7)
        let other = FollowedFileIdentity(device: 1, inode: 3, headLength: 1024, headHash: 8)
        try table.save(first, offset: 10, path: "audit.log", at: Timestamp(microseconds: 1))
        try table.save(other, offset: 99, path: "other.log", at: Timestamp(microseconds: 1))
        try table.save(rewritten, offset: 2048, path: "audit.log", at: Timestamp(microseconds: 2))

        let loaded = try table.load()
        #expect(loaded == [rewritten: 2048, other: 99])
    }
}
