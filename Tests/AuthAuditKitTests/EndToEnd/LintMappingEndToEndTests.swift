import Foundation
import Testing

/// `authaudit lint-mapping` as a user runs it: findings on standard output, exit status 1 when any.
@Suite struct LintMappingEndToEndTests {
    private func fixture(_ name: String) -> String {
        Fixtures.path("lint/\(name)")
    }

    @Test func cleanFileExitsZero() throws {
        let sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["lint-mapping", fixture("clean.yaml")])
        #expect(result.status == 0, "stdout: \(result.standardOutput)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("no problems found"))
    }

    @Test func rolePathReportedWithLine() throws {
        let sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["lint-mapping", fixture("role-path.yaml")])
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.contains("role-path.yaml:") && $0.contains("error:") && $0.hasSuffix("[role-arn-has-path]") })
    }

    @Test func jsonFindingsHaveRuleIDs() throws {
        let sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["lint-mapping", fixture("duplicate-arn.yaml"), "-o", "json"])
        #expect(result.status == 1)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.contains { $0["rule"] as? String == "duplicate-arn" })
        #expect(rows.allSatisfy { ($0["line"] as? Int ?? 0) > 0 })
    }

    @Test func unboundGroupNeedsStore() throws {
        let sandbox = try EndToEndSandbox()
        let withoutStore = try sandbox.run(["lint-mapping", fixture("unbound-group.yaml")])
        #expect(!withoutStore.standardOutput.contains("[group-not-bound]"))

        let rbac = Fixtures.repositoryRoot.appendingPathComponent("samples/rbac.yaml").path
        _ = try sandbox.run(["ingest", rbac])
        let withStore = try sandbox.run(["lint-mapping", fixture("unbound-group.yaml")])
        #expect(withStore.standardOutput.contains("[group-not-bound]"), "stdout: \(withStore.standardOutput)")
    }

    @Test func missingFileIsAnError() throws {
        let sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["lint-mapping", sandbox.path("absent.yaml")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no such file"), "stderr: \(result.standardError)")
    }
}
