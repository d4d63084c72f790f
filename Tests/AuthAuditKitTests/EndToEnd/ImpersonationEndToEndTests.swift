import Foundation
import Testing

@testable import AuthAuditKit

/// An account that sends requests only as other users, as a Teleport agent or a CI proxy does:
/// its requests count for the users it impersonates, and it can still be found by its own name.
@Suite struct ImpersonationEndToEndTests {
    static let agent = "system:serviceaccount:teleport:teleport-kube-agent"

    /// Three requests the agent sends as alice, one of them forbidden, and one alice sends herself.
    private func ingestedSandbox() throws -> EndToEndSandbox {
        let sandbox = try EndToEndSandbox()
        var lines = Data()
        for number in 1...3 {
            var event = AuditEventLine(auditID: AuditEventLine.auditID(number))
            event.username = Array(Self.agent.utf8)
            event.impersonatedUsername = "alice"
            event.code = number == 1 ? 403 : 200
            lines += event.data
        }
        lines += AuditEventLine(auditID: AuditEventLine.auditID(4)).data
        try sandbox.write(lines, to: "audit.log")
        let result = try sandbox.run(["ingest", "audit.log"])
        try #require(result.status == 0, "stderr: \(result.standardError)")
        return sandbox
    }

    @Test func whoisCountsRequestsSentAsOthers() throws {
        let sandbox = try ingestedSandbox()

        let result = try sandbox.run(["whois", Self.agent])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("seen         0 requests, 0 forbidden, 3 sent as other users"))
    }

    @Test func identitiesListTheImpersonator() throws {
        let sandbox = try ingestedSandbox()

        let result = try sandbox.run(["report", "identities", "-o", "json"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        let rows = try JSONValues.rows(result.standardOutputData)
        let agent = rows.first { $0["username"] as? String == Self.agent }
        #expect(JSONValues.integer(agent?["requests"]) == 0)
        #expect(JSONValues.integer(agent?["sent_as_others"]) == 3)
        let alice = rows.first { $0["username"] as? String == "alice" }
        #expect(JSONValues.integer(alice?["requests"]) == 4)
        #expect(JSONValues.integer(alice?["sent_as_others"]) == 0)
    }

    @Test func forbiddenForTheImpersonatorShowsItsRequests() throws {
        let sandbox = try ingestedSandbox()

        let result = try sandbox.run(["report", "forbidden", "-o", "json", "--user", Self.agent])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        let rows = try JSONValues.rows(result.standardOutputData)
        #expect(rows.count == 1)
        #expect(rows.first?["username"] as? String == "alice")
        #expect(rows.first?["impersonated_by"] as? String == Self.agent)
    }

    /// The person behind the sender selects its requests too, in the grouped and the detailed form.
    @Test func forbiddenForTheSendersPersonShowsItsRequests() throws {
        let sandbox = try ingestedSandbox()
        let connection = try SQLiteConnection(path: sandbox.databasePath, mode: .readWriteCreate)
        try connection.execute(
            """
            UPDATE identity_resolutions SET person = 'Jane Operator' WHERE identity_id IN (
                SELECT i.id FROM identities i JOIN usernames u ON u.id = i.username_id
                WHERE u.name = '\(Self.agent)')
            """)

        let grouped = try sandbox.run(["report", "forbidden", "-o", "json", "--user", "jane operator"])
        let detailed = try sandbox.run(["report", "forbidden", "--detail", "-o", "json", "--user", "jane operator"])

        #expect(grouped.status == 0, "stderr: \(grouped.standardError)")
        #expect(try JSONValues.rows(grouped.standardOutputData).map { $0["impersonated_by"] as? String } == [Self.agent])
        #expect(detailed.status == 0, "stderr: \(detailed.standardError)")
        #expect(try JSONValues.rows(detailed.standardOutputData).map { $0["impersonated_by"] as? String } == [Self.agent])
    }
}
