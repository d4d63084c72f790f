import Testing

@testable import AuthAuditKit

@Suite struct DirectoryCSVParserTests {
    static let groups = "OU=Groups,DC=corp,DC=example"

    @Test func windowsPowerShellExport() throws {
        let result = try DirectoryFixtures.csv("users-ps51.csv")
        #expect(result.diagnostics == [])
        #expect(result.directory.people.map(\.samAccountName) == ["jdoe2", "cold"])
        let john = try #require(result.directory.person(dn: "CN=Doe\\, John,OU=Users,DC=corp,DC=example"))
        #expect(john.userPrincipalName == "john.doe@corp.example")
        #expect(john.mail == "John.Doe@corp.example")
        #expect(john.displayName == "Doe, John")
        #expect(john.isDisabled == false)
        #expect(john.groupDNs == ["CN=Team-A,\(Self.groups)", "CN=AWS-EKS-Admins,\(Self.groups)"])
    }

    @Test func enabledFalseIsDisabled() throws {
        let result = try DirectoryFixtures.csv("users-ps51.csv")
        let carol = try #require(result.directory.person(dn: "CN=Old\\, Carol,OU=Users,DC=corp,DC=example"))
        #expect(carol.isDisabled == true)
        #expect(carol.mail == nil)
    }

    @Test func semicolonExportWithBOM() throws {
        let result = try DirectoryFixtures.csv("users-ps7-semicolon.csv")
        #expect(result.diagnostics == [])
        let zoe = try #require(result.directory.person(dn: "CN=Zoë Ångström,OU=Users,DC=corp,DC=example"))
        #expect(zoe.mail == "zoe.angstrom@corp.example")
        #expect(zoe.displayName == "Zoë Ångström")
        #expect(zoe.isDisabled == true)  // 66050 has ACCOUNTDISABLE
        #expect(zoe.groupDNs == ["CN=AWS-EKS-Admins,\(Self.groups)", "CN=Team-A,\(Self.groups)"])
    }

    @Test func lostValuesMarkerWarnsOnce() throws {
        let result = try DirectoryFixtures.csv("users-lost-memberof.csv")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.line == 3)
        #expect(result.diagnostics.first?.reason?.contains("in 2 rows") == true)
        #expect(result.directory.people.count == 2)
        #expect(result.directory.people.allSatisfy { $0.groupDNs.isEmpty })
    }

    @Test func groupMemberExportNamedByFileName() throws {
        let result = try DirectoryFixtures.csv("AWS-EKS-Dev.members.csv")
        #expect(result.diagnostics == [])
        let jane = try #require(result.directory.person(dn: "CN=Jane Doe,OU=Users,DC=corp,DC=example"))
        #expect(jane.groupDNs == ["CN=AWS-EKS-Dev"])
        let teamB = try #require(result.directory.group(dn: "CN=Team-B,\(Self.groups)"))
        #expect(teamB.groupDNs == ["CN=AWS-EKS-Dev"])
        #expect(result.directory.person(dn: "CN=BUILD01,CN=Computers,DC=corp,DC=example") == nil)
        #expect(result.directory.group(dn: "cn=aws-eks-dev")?.name == "AWS-EKS-Dev")
    }

    @Test func groupColumnNamesGroup() throws {
        let text = """
            "distinguishedName","SamAccountName","objectClass","Group"
            "CN=Jane Doe,OU=Users,DC=corp,DC=example","jdoe","user","AWS-EKS-Dev"
            "CN=Bob Old,OU=Users,DC=corp,DC=example","bold","user","CN=Team-A,OU=Groups,DC=corp,DC=example"

            """
        let result = DirectoryCSVParser.parse(text, source: "ignored.members.csv")
        #expect(result.diagnostics == [])
        #expect(result.directory.person(dn: "CN=Jane Doe,OU=Users,DC=corp,DC=example")?.groupDNs == ["CN=AWS-EKS-Dev"])
        #expect(
            result.directory.person(dn: "CN=Bob Old,OU=Users,DC=corp,DC=example")?.groupDNs == [
                "CN=Team-A,OU=Groups,DC=corp,DC=example"
            ])
    }

    @Test(
        arguments: [
            ("a.members.csv", "a"),
            ("/exports/AWS-EKS-Dev.Members.CSV", "AWS-EKS-Dev"),
            ("users.csv", nil),
            (".members.csv", nil),
        ] as [(String, String?)])
    func groupNameFromFileName(path: String, expected: String?) {
        #expect(DirectoryCSVParser.groupName(fromFileName: path) == expected)
    }

    @Test(arguments: [
        ("CN=A,DC=x;CN=B,DC=x", ["CN=A,DC=x", "CN=B,DC=x"]),
        ("CN=A,DC=x | CN=B,DC=x", ["CN=A,DC=x", "CN=B,DC=x"]),
        ("CN=A,DC=x\nCN=B,DC=x", ["CN=A,DC=x", "CN=B,DC=x"]),
        ("CN=A\\;B,DC=x", ["CN=A\\;B,DC=x"]),
        ("", []),
    ])
    func splitsJoinedDNs(field: String, expected: [String]) {
        #expect(DirectoryCSVReader.splitValues(field) == expected)
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineEnds() {
        let text =
            "\"DistinguishedName\",\"DisplayName\",\"MemberOf\"\r\n"
            + "\"CN=Doe\\, Jane,DC=x\",\"Jane \"\"JD\"\" Doe\",\"CN=A,DC=x\r\nCN=B,DC=x\"\r\n"
            + "\"CN=Roe\\, Rick,DC=x\",\"Rick\",\"\"\r\n"
        let result = DirectoryCSVParser.parse(text, source: "x.csv")
        #expect(result.diagnostics == [])
        #expect(result.directory.people.first?.displayName == "Jane \"JD\" Doe")
        #expect(result.directory.people.first?.groupDNs == ["CN=A,DC=x", "CN=B,DC=x"])
        #expect(result.directory.people.last?.dn == "CN=Roe\\, Rick,DC=x")
        #expect(result.directory.people.count == 2)
    }

    @Test func missingDNColumnIsReported() {
        let result = DirectoryCSVParser.parse("\"SamAccountName\",\"Name\"\n\"jdoe\",\"Jane\"\n", source: "x.csv")
        #expect(result.diagnostics.map(\.line) == [1])
        #expect(result.directory.people.isEmpty)
    }

    @Test func badRowsAreSkippedAndOthersKept() {
        let text = """
            "DistinguishedName","SamAccountName","Enabled","userAccountControl"
            "CN=A,DC=x","a","True","512"
            "CN=B,DC=x","b"
            "","c","True","512"
            "CN=D,DC=x","d","Maybe","x"
            "CN=E,DC=x","e","True","512
            """
        let result = DirectoryCSVParser.parse(text, source: "x.csv")
        #expect(result.directory.people.map(\.samAccountName) == ["a", "d"])
        #expect(result.diagnostics.map(\.line) == [6, 3, 4, 5, 5])
        #expect(result.diagnostics.map(\.severity) == [.error, .error, .error, .warning, .warning])
    }
}
