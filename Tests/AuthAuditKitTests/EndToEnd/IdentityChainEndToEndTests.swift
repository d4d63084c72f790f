import Foundation
import Testing

/// The identity chain on `samples/`: CloudTrail, the directory export and the SSO assignments take
/// the SDK timestamp sessions of the walkthrough to the AD users and their groups.
@Suite struct IdentityChainEndToEndTests {
    static let samplesPath = Fixtures.repositoryRoot.appendingPathComponent("samples").path

    /// The expected person and group of each forbidden request in `samples/`.
    static let forbidden: [(username: String, person: String, group: String)] = [
        ("adminuser-1529910544824263459", "adminuser", "AWS-EKS-Admins"),
        ("devuser-1529910734951736207", "devuser", "AWS-EKS-Dev"),
        ("devuser-1529910762440282915", "devuser", "AWS-EKS-Dev"),
    ]

    private func sandbox(excluding excluded: [String] = []) throws -> EndToEndSandbox {
        let sandbox = try EndToEndSandbox()
        let copy = sandbox.path("samples")
        try FileManager.default.copyItem(atPath: Self.samplesPath, toPath: copy)
        for name in excluded {
            try FileManager.default.removeItem(atPath: copy + "/" + name)
        }
        let result = try sandbox.run(["ingest", copy])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        return sandbox
    }

    @Test func forbiddenNamesDirectoryUsers() throws {
        let rows = try sandbox().reportRows("forbidden")
        for expected in Self.forbidden {
            let row = rows.first { $0["username"] as? String == expected.username }
            #expect(row?["person"] as? String == expected.person, "\(expected.username)")
            #expect(row?["directory_groups"] as? String == expected.group, "\(expected.username)")
            #expect(row?["resolved_by"] as? String == "directory", "\(expected.username)")
        }
    }

    @Test func whoisPrintsFullChain() throws {
        let result = try sandbox().run(["whois", "adminuser-1529910544824263459"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("session_name       1529910544824263459"))
        #expect(output.contains("arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Admins_3f2e91c07a5b68d4"))
        #expect(output.contains("assumed-role/AWSReservedSSO_AWS-EKS-Admins_3f2e91c07a5b68d4/adminuser@corp.example"))
        #expect(output.contains("from CloudTrail"))
        #expect(output.contains("person       adminuser"))
        #expect(output.contains("directory_group    AWS-EKS-Admins"))
        #expect(output.contains("resolution   resolved"))
    }

    @Test func whoisFindsPersonAndArn() throws {
        let sandbox = try sandbox()
        let byPerson = try sandbox.run(["whois", "devuser@corp.example", "-o", "json"])
        let byRole = try sandbox.run(
            [
                "whois", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
                    + "AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6", "-o", "json",
            ])
        let bySession = try sandbox.run(
            [
                "whois", "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6/"
                    + "1529910762440282915", "-o", "json",
            ])
        let unknownSession = try sandbox.run(
            ["whois", "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6/x"])
        func usernames(_ result: BinaryResult) throws -> Set<String> {
            let rows = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]]
            return Set((rows ?? []).compactMap { $0["username"] as? String })
        }
        #expect(try usernames(byPerson).count == 3)
        #expect(try usernames(byRole).count == 3)
        #expect(try usernames(bySession) == ["devuser-1529910762440282915"])
        #expect(unknownSession.status == 1)
    }

    @Test func whoisUnknownNameFails() throws {
        let result = try sandbox().run(["whois", "nobody"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no identity in the store matches 'nobody'"))
    }

    @Test func withoutCloudTrailRoleStaysKnown() throws {
        let sandbox = try sandbox(excluding: ["cloudtrail"])
        let rows = try sandbox.reportRows("forbidden")
        for expected in Self.forbidden {
            let row = rows.first { $0["username"] as? String == expected.username }
            #expect(row?["person"] as? String == expected.username, "\(expected.username)")
            #expect((row?["iam_principal"] as? String)?.contains("AWSReservedSSO_") == true, "\(expected.username)")
            #expect((row?["permission_set"] as? String)?.hasPrefix("AWS-EKS-") == true, "\(expected.username)")
        }
        let unresolved = try sandbox.reportRows("unresolved")
        let admin = unresolved.first { $0["username"] as? String == "adminuser-1529910544824263459" }
        let reason = admin?["reason"] as? String ?? ""
        #expect(reason.contains("AWS SDK default"), "\(reason)")
        #expect(reason.contains("No CloudTrail record was ingested"), "\(reason)")
    }

    @Test func identitiesReportListsEverySession() throws {
        let rows = try sandbox().reportRows("identities")
        let admins = rows.filter { ($0["username"] as? String)?.hasPrefix("adminuser-") == true }
        #expect(admins.count == 3)
        #expect(admins.allSatisfy { $0["person"] as? String == "adminuser" })
        #expect(admins.allSatisfy { $0["resolution"] as? String == "resolved" })
    }
}
