import Testing

@testable import AuthAuditKit

@Suite struct DirectoryNestingTests {
    @Test(arguments: [
        ("jane@corp.example", ["All-Staff", "AWS-EKS-Dev", "Team-A"]),
        ("bob@corp.example", ["AWS-EKS-Dev", "Team-A"]),
        ("zoe@corp.example", ["All-Staff", "AWS-EKS-Admins"]),
        ("priya@corp.example", ["All-Staff", "Cycle-A", "Cycle-B", "k8s-operators-prod"]),
    ])
    func expandsGroupsOfPerson(name: String, expected: [String]) throws {
        let directory = try DirectoryFixtures.ldif().directory
        let person = try #require(directory.person(matching: name))
        #expect(directory.groups(of: person).map(\.name) == expected)
    }

    @Test func expandsMembersThroughNesting() throws {
        let directory = try DirectoryFixtures.ldif().directory
        let group = try #require(directory.group(dn: "CN=AWS-EKS-Dev,OU=Groups,DC=corp,DC=example"))
        #expect(directory.members(of: group).map(\.samAccountName) == ["bold", "jdoe"])
    }

    @Test func cycleEnds() throws {
        let directory = try DirectoryFixtures.ldif().directory
        let group = try #require(directory.group(dn: "CN=Cycle-B,OU=Groups,DC=corp,DC=example"))
        #expect(directory.members(of: group).map(\.samAccountName) == ["praman"])
        #expect(directory.groups(containing: group).map(\.name) == ["Cycle-A"])
    }

    @Test func referencedGroupWithoutEntryIsReturned() throws {
        let result = try DirectoryFixtures.csv("users-ps51.csv")
        let john = try #require(result.directory.person(matching: "jdoe2"))
        #expect(result.directory.groups(of: john).map(\.name) == ["AWS-EKS-Admins", "Team-A"])
    }

    @Test func mergeJoinsExportsByDN() throws {
        let merged = Directory(merging: [
            try DirectoryFixtures.ldif().directory,
            try DirectoryFixtures.csv("users-ps7-semicolon.csv").directory,
        ])
        let zoe = try #require(merged.person(matching: "ZOE@corp.example"))
        #expect(merged.people.filter { $0.samAccountName == "zangstrom" }.count == 1)
        #expect(zoe.isDisabled == true)  // the later export wins
        #expect(zoe.displayName == "Zoë Ångström")
        #expect(merged.groups(of: zoe).map(\.name) == ["All-Staff", "AWS-EKS-Admins", "AWS-EKS-Dev", "Team-A"])
    }

    @Test func nameOnlyGroupFoldsIntoFullGroup() throws {
        let merged = Directory(merging: [
            try DirectoryFixtures.ldif().directory,
            try DirectoryFixtures.csv("AWS-EKS-Dev.members.csv").directory,
        ])
        #expect(merged.group(dn: "CN=AWS-EKS-Dev") == nil)
        let group = try #require(merged.group(dn: "CN=AWS-EKS-Dev,OU=Groups,DC=corp,DC=example"))
        #expect(group.name == "AWS-EKS-Dev")
        #expect(merged.members(of: group).map(\.samAccountName) == ["bold", "jdoe"])
        let teamB = try #require(merged.group(dn: "CN=Team-B,OU=Groups,DC=corp,DC=example"))
        #expect(teamB.groupDNs == ["CN=AWS-EKS-Dev,OU=Groups,DC=corp,DC=example"])
    }

    @Test func nameOnlyGroupStaysWhenNameIsAmbiguous() {
        let directory = Directory(
            people: [DirectoryPerson(dn: "CN=A,DC=x", samAccountName: "a", groupDNs: ["CN=Ops"])],
            groups: [
                DirectoryGroup(dn: "CN=Ops,OU=One,DC=x", name: "Ops"),
                DirectoryGroup(dn: "CN=Ops,OU=Two,DC=x", name: "Ops"),
                DirectoryGroup(dn: "CN=Ops", name: "Ops"),
            ])
        #expect(directory.groups.count == 3)
    }
}

@Suite struct DistinguishedNameTests {
    @Test(arguments: [
        ("CN=Jane Doe,OU=Users,DC=corp,DC=example", "cn=jane doe, ou=users, dc=corp, dc=example"),
        ("CN=Doe\\, Jane,DC=x", "cn=doe\\2C jane,dc=x"),
        ("CN=Zoë,DC=x", "CN=ZOË,DC=X"),
        ("CN=A\\20,DC=x", "cn=a\\ ,dc=x"),
        ("CN=A\\42C,DC=x", "cn=abc,dc=x"),
        ("cn = a , dc = x", "CN=A,DC=X"),
        ("CN=a=b,DC=x", "CN=a\\=b,DC=x"),
    ])
    func keysAreEqual(left: String, right: String) {
        #expect(DistinguishedName.key(left) == DistinguishedName.key(right))
    }

    @Test func trailingEscapedSpaceIsKept() {
        #expect(DistinguishedName.key("CN=A\\ ,DC=x") != DistinguishedName.key("CN=A,DC=x"))
    }

    @Test func firstValueResolvesEscapes() {
        #expect(DistinguishedName.firstValue("CN=Doe\\, Jane,OU=Users,DC=x") == "Doe, Jane")
    }

    @Test(arguments: ["Doe, Jane", "#team", " lead ", "a+b=c"])
    func escapeRoundTrips(value: String) {
        #expect(DistinguishedName.firstValue("CN=" + DistinguishedName.escape(value) + ",DC=x") == value)
    }
}

@Suite struct Base64Tests {
    @Test(arguments: [
        ("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg", "foob"),
        ("Wm/DqyDDhW5nc3Ryw7Zt", "Zoë Ångström"),
    ])
    func decodes(text: String, expected: String) {
        #expect(Base64.decode(Array(text.utf8)) == Array(expected.utf8))
    }

    @Test(arguments: ["Z", "Zm9v*", "Zg=a", "Zg===", "Zm9=v"])
    func rejects(text: String) {
        #expect(Base64.decode(Array(text.utf8)) == nil)
    }
}
