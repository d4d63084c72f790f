import Foundation
import Testing

/// The RBAC reports and the HTML summary on `samples/`, through the binary.
@Suite struct LeastPrivilegeEndToEndTests {
    private func sandbox() throws -> EndToEndSandbox {
        let sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["ingest", Fixtures.repositoryRoot.appendingPathComponent("samples").path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        return sandbox
    }

    @Test func devRoleHasDeadAndUnusedParts() throws {
        let rows = try sandbox().reportRows("unused-grants")
        let dev = try #require(rows.first { $0["binding"] as? String == "RoleBinding demo-service/ad-cluster-devs-binding" })
        let deadParts = dev["never_matches"] as? String ?? ""
        #expect(deadParts.contains("deployments does not exist in the core API group"))
        #expect(deadParts.contains("ingress does not exist in the core API group"))
        #expect(dev["unused_verbs"] as? String == "get,watch")
        #expect(dev["unused_resources"] as? String == "services,endpoints,deployments,ingress")
        #expect(dev["mapped_from"] as? String == "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6")
    }

    @Test func leastPrivilegePrintsApplicableYAML() throws {
        let result = try sandbox().run(["report", "least-privilege"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("# group: demo-service:ad-cluster-devs"))
        #expect(output.contains("kind: RoleBinding"))
        #expect(!output.contains("'*'"))
        #expect(!output.contains("- '*'") && !output.contains("- \"*\""))
    }

    @Test func personSuggestionUsesOwnRequests() throws {
        let sandbox = try sandbox()

        // A session username selects the person behind it.
        let rows = try sandbox.reportRows("least-privilege", ["--user", "devuser-1529910734951736207"])

        #expect(rows.count == 1)
        #expect(rows.first?["person"] as? String == "devuser")
        #expect(rows.first?["group"] as? String == "demo-service:ad-cluster-devs")
        let manifest = rows.first?["manifest"] as? String ?? ""
        #expect(manifest.contains("kind: Group\n  name: demo-service:ad-cluster-devs"))
        #expect(!manifest.contains("kind: User"))
        #expect(!manifest.contains("devuser-1529910734951736207"))
    }

    @Test func personSuggestionByDirectoryName() throws {
        let rows = try sandbox().reportRows("least-privilege", ["--user", "adminuser@corp.example"])

        #expect(rows.map { $0["person"] as? String } == ["adminuser"])
    }

    @Test func htmlSummaryIsSelfContained() throws {
        let result = try sandbox().run(["analyze", Fixtures.repositoryRoot.appendingPathComponent("samples").path, "-o", "html", "-q"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let page = result.standardOutput
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<svg"))
        #expect(page.contains("Forbidden requests per directory group"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("http://") && !page.contains("https://"))
    }
}
