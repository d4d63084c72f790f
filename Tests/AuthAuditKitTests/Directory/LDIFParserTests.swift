import Testing

@testable import AuthAuditKit

@Suite struct LDIFParserTests {
    static let users = "OU=Users,DC=corp,DC=example"
    static let groups = "OU=Groups,DC=corp,DC=example"

    @Test func fixtureHasNoDiagnostics() throws {
        #expect(try DirectoryFixtures.ldif().diagnostics == [])
    }

    @Test func fixtureReadsPeopleAndGroups() throws {
        let directory = try DirectoryFixtures.ldif().directory
        #expect(directory.people.map(\.samAccountName) == ["jdoe", "zangstrom", "bold", "praman"])
        #expect(
            directory.groups.map(\.name) == [
                "Team-A", "AWS-EKS-Dev", "AWS-EKS-Admins", "k8s-operators-prod", "All-Staff", "Cycle-A", "Cycle-B",
            ])
    }

    @Test func readsPlainPerson() throws {
        let person = try #require(try DirectoryFixtures.ldif().directory.person(dn: "CN=Jane Doe,\(Self.users)"))
        #expect(person.userPrincipalName == "jane@corp.example")
        #expect(person.mail == "Jane.Doe@corp.example")
        #expect(person.displayName == "Jane Doe")
        #expect(person.isDisabled == false)
        #expect(person.groupDNs == ["CN=Team-A,\(Self.groups)"])
    }

    @Test func decodesBase64DNAndValues() throws {
        let directory = try DirectoryFixtures.ldif().directory
        let person = try #require(directory.person(dn: "CN=Zoë Ångström,\(Self.users)"))
        #expect(person.dn == "CN=Zoë Ångström,\(Self.users)")
        #expect(person.displayName == "Zoë Ångström")
        #expect(person.isDisabled == false)  // 66048 = NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD
    }

    @Test func marksDisabledAccount() throws {
        let person = try #require(try DirectoryFixtures.ldif().directory.person(dn: "CN=Bob Old,\(Self.users)"))
        #expect(person.isDisabled == true)
    }

    @Test func unfoldsLongLines() throws {
        let dn = "CN=Priya Raman,OU=Platform Engineering,OU=Engineering,\(Self.users)"
        let person = try #require(try DirectoryFixtures.ldif().directory.person(dn: dn))
        #expect(person.dn == dn)
        #expect(person.groupDNs.first == "CN=Kubernetes-Cluster-Operators-Production,OU=Security Groups,\(Self.groups)")
    }

    @Test func collectsAllMemberRanges() throws {
        let group = try #require(try DirectoryFixtures.ldif().directory.group(dn: "CN=All-Staff,\(Self.groups)"))
        #expect(group.memberDNs.count == 3)
        #expect(group.memberDNs.last == "CN=Priya Raman,OU=Platform Engineering,OU=Engineering,\(Self.users)")
    }

    @Test func skipsComputersAndContainers() throws {
        let directory = try DirectoryFixtures.ldif().directory
        #expect(directory.person(dn: "CN=BUILD01,CN=Computers,DC=corp,DC=example") == nil)
        #expect(directory.group(dn: Self.users) == nil)
        #expect(directory.person(dn: Self.users) == nil)
    }

    @Test func crlfGivesSameDirectory() throws {
        let lf = try DirectoryFixtures.bytes("corp-ldapsearch.ldif")
        var crlf: [UInt8] = []
        for byte in lf {
            if byte == UInt8(ascii: "\n") { crlf.append(UInt8(ascii: "\r")) }
            crlf.append(byte)
        }
        let fromLF = LDIFParser.parse(lf, source: "lf").directory
        let fromCRLF = LDIFParser.parse(crlf, source: "crlf")
        #expect(fromCRLF.diagnostics == [])
        #expect(fromCRLF.directory.people == fromLF.people)
        #expect(fromCRLF.directory.groups == fromLF.groups)
    }

    @Test(arguments: [
        ("space", "dn: CN=Jane Doe,OU=Users,DC=corp,\n DC=example\nobjectClass: user\nsAMAccountName: jdoe\n"),
        ("tab", "dn: CN=Jane Doe,OU=Users,DC=corp,\n\tDC=example\nobjectClass: user\nsAMAccountName: jdoe\n"),
        (
            "version",
            "version: 1\ndn: CN=Jane Doe,OU=Users,DC=corp,DC=example\nobjectClass: user\nsAMAccountName: jdoe\n"
        ),
        ("case", "DN: CN=Jane Doe,OU=Users,DC=corp,DC=example\nOBJECTCLASS: User\nsamaccountname: jdoe\n"),
        (
            "folded comment",
            "# a comment that\n  goes on\ndn: CN=Jane Doe,OU=Users,DC=corp,DC=example\n"
                + "objectClass: user\nsAMAccountName: jdoe\n"
        ),
        ("no final newline", "dn: CN=Jane Doe,OU=Users,DC=corp,DC=example\nobjectClass: user\nsAMAccountName: jdoe"),
        (
            "changetype add",
            "dn: CN=Jane Doe,OU=Users,DC=corp,DC=example\nchangetype: add\nobjectClass: user\nsAMAccountName: jdoe\n"
        ),
    ])
    func readsSyntaxVariant(name: String, text: String) throws {
        let result = LDIFParser.parse(text, source: name)
        #expect(result.diagnostics == [])
        let person = try #require(result.directory.people.first)
        #expect(person.dn == "CN=Jane Doe,OU=Users,DC=corp,DC=example")
        #expect(person.samAccountName == "jdoe")
    }

    @Test func badEntryIsSkippedAndOthersKept() {
        let text = """
            dn: CN=A,OU=Users,DC=corp,DC=example
            objectClass: user
            sAMAccountName: a

            dn: CN=B,OU=Users,DC=corp,DC=example
            objectClass: user
            this line has no colon

            dn: CN=C,OU=Users,DC=corp,DC=example
            objectClass: user
            sAMAccountName:: not*base64

            dn: CN=D,OU=Users,DC=corp,DC=example
            objectClass: user
            sAMAccountName: d

            """
        let result = LDIFParser.parse(text, source: "bad.ldif")
        #expect(result.directory.people.map(\.samAccountName) == ["a", "d"])
        #expect(result.diagnostics.map(\.line) == [7, 11])
        #expect(result.diagnostics.map(\.severity) == [.error, .error])
    }

    @Test func recordWithoutDNIsReported() {
        let result = LDIFParser.parse("objectClass: user\nsAMAccountName: a\n", source: "x.ldif")
        #expect(result.diagnostics.map(\.line) == [1])
        #expect(result.directory.people.isEmpty)
    }

    @Test func strayContinuationIsReported() {
        let result = LDIFParser.parse(" DC=example\n\ndn: CN=A,DC=example\nobjectClass: user\n", source: "x.ldif")
        #expect(result.diagnostics.map(\.line) == [1])
        #expect(result.directory.people.count == 1)
    }

    @Test func urlValueGivesNote() {
        let text = "dn: CN=A,DC=example\nobjectClass: user\njpegPhoto:< file:///tmp/a.jpg\nsAMAccountName: a\n"
        let result = LDIFParser.parse(text, source: "x.ldif")
        #expect(result.diagnostics.map(\.severity) == [.note])
        #expect(result.diagnostics.first?.line == 3)
        #expect(result.directory.people.count == 1)
    }

    @Test func modifyRecordIsSkipped() {
        let text = "dn: CN=A,DC=example\nchangetype: modify\nreplace: mail\nmail: a@corp.example\n-\n"
        let result = LDIFParser.parse(text, source: "x.ldif")
        #expect(result.diagnostics.map(\.line) == [2])
        #expect(result.directory.people.isEmpty)
    }

    @Test func failedSearchResultWarns() {
        let text =
            "dn: CN=A,DC=example\nobjectClass: user\n\n# search result\nsearch: 2\nresult: 4 Size limit exceeded\n"
        let result = LDIFParser.parse(text, source: "x.ldif")
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.diagnostics.first?.line == 6)
    }

    @Test func missingLastRangeWarns() {
        let text = """
            dn: CN=Big,OU=Groups,DC=corp,DC=example
            objectClass: group
            member;range=0-1499: CN=A,OU=Users,DC=corp,DC=example

            """
        let result = LDIFParser.parse(text, source: "x.ldif")
        #expect(result.diagnostics.map(\.line) == [3])
        #expect(result.diagnostics.first?.reason?.contains("member;range=1500-*") == true)
        #expect(result.directory.groups.first?.memberDNs == ["CN=A,OU=Users,DC=corp,DC=example"])
    }

    @Test func laterRangeRecordCompletesGroup() {
        let text = """
            dn: CN=Big,OU=Groups,DC=corp,DC=example
            objectClass: group
            member;range=0-1499: CN=A,OU=Users,DC=corp,DC=example

            dn: cn=big,ou=groups,dc=corp,dc=example
            member;range=1500-*: CN=B,OU=Users,DC=corp,DC=example

            """
        let result = LDIFParser.parse(text, source: "x.ldif")
        #expect(result.diagnostics == [])
        #expect(result.directory.groups.count == 1)
        #expect(result.directory.groups.first?.memberDNs.count == 2)
    }
}
