import Testing

@testable import AuthAuditKit

@Suite struct DirectoryMatchingTests {
    @Test(arguments: [
        ("jane@corp.example", "jdoe"),
        ("JANE@Corp.Example", "jdoe"),
        ("jane.doe@corp.example", "jdoe"),
        ("JDOE", "jdoe"),
        ("zoe@corp.example", "zangstrom"),
        ("CORP\\praman", "praman"),
        ("praman@idp.example", "praman"),
        ("  bob@corp.example ", "bold"),
    ])
    func matchesPerson(name: String, sam: String) throws {
        let directory = try DirectoryFixtures.ldif().directory
        #expect(directory.person(matching: name)?.samAccountName == sam)
    }

    @Test(arguments: ["", "nobody@corp.example", "CORP\\nobody", "Jane Doe", "BUILD01$"])
    func matchesNobody(name: String) throws {
        let directory = try DirectoryFixtures.ldif().directory
        #expect(directory.people(matching: name) == [])
    }

    static let twoDomains = Directory(
        people: [
            DirectoryPerson(
                dn: "CN=Jane Smith,OU=Users,DC=corp,DC=example", samAccountName: "jsmith",
                userPrincipalName: "jane.smith@corp.example", mail: "team@corp.example"),
            DirectoryPerson(
                dn: "CN=John Smith,OU=Users,DC=emea,DC=corp,DC=example", samAccountName: "jsmith",
                userPrincipalName: "john.smith@emea.corp.example", mail: "team@corp.example"),
        ],
        groups: [])

    @Test func ambiguousMailMatchesNobody() {
        #expect(Self.twoDomains.person(matching: "team@corp.example") == nil)
    }

    @Test func ambiguousMailListsBoth() {
        #expect(Self.twoDomains.people(matching: "team@corp.example").count == 2)
    }

    @Test func ambiguousSAMMatchesNobody() {
        #expect(Self.twoDomains.person(matching: "jsmith") == nil)
        #expect(Self.twoDomains.person(matching: "jsmith@idp.example") == nil)
    }

    @Test(arguments: [
        ("EMEA\\jsmith", "john.smith@emea.corp.example"),
        ("corp\\jsmith", "jane.smith@corp.example"),
    ])
    func domainPrefixSeparatesSameSAM(name: String, upn: String) {
        #expect(Self.twoDomains.person(matching: name)?.userPrincipalName == upn)
    }

    @Test func unknownDomainWithSameSAMMatchesNobody() {
        #expect(Self.twoDomains.person(matching: "OTHER\\jsmith") == nil)
    }

    @Test func exactAddressWinsOverSAMOfAnother() {
        let directory = Directory(
            people: [
                DirectoryPerson(dn: "CN=A,DC=x", samAccountName: "ops", userPrincipalName: "a@x.example"),
                DirectoryPerson(dn: "CN=B,DC=x", samAccountName: "b", userPrincipalName: "ops@x.example"),
            ],
            groups: [])
        #expect(directory.person(matching: "ops@x.example")?.dn == "CN=B,DC=x")
    }
}
