import Foundation
import Testing

@testable import AuthAuditKit

/// Problems found while reading the file, before any entry is checked.
@Suite struct MappingLinterReadingTests {
    @Test(arguments: [
        Lint.configMaps + "aws-auth.yaml", Lint.configMaps + "aws-auth-crazy-case-keys.yaml",
        Lint.configMaps + "aws-auth-open-source-case-keys.yaml", Lint.configMaps + "aws-auth-space-out-of-place.yaml",
        "corpus/aws-iam-authenticator/example-iamidentitymapping.yaml",
        "corpus/aws-iam-authenticator/dynamicfile/access-entries-username-prefix.template.json",
        "identity/aws-auth-list.json", "lint/clean.yaml",
    ])
    func cleanFilesGiveNoFinding(file: String) throws {
        #expect(try Lint.fixture(file) == [])
    }

    @Test(arguments: [
        Lint.configMaps + "aws-auth.yaml", Lint.configMaps + "aws-auth-crazy-case-keys.yaml",
        Lint.configMaps + "aws-auth-space-out-of-place.yaml", "identity/aws-auth-bad-entries.yaml",
        "identity/aws-auth-list.json", "identity/iamidentitymappings.yaml",
        "corpus/aws-iam-authenticator/example-iamidentitymapping.yaml",
        "corpus/aws-iam-authenticator/dynamicfile/access-entries.template.json", "lint/clean.yaml",
        "lint/duplicate-arn.yaml",
    ])
    func walkerKeepsTheParsersEntries(file: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(file))))
        let parsed = AwsAuthParser.parse(bytes, source: file)
        var walker = MappingDocumentWalker(source: file)
        walker.read(bytes)

        let roles = walker.entries.compactMap { entry -> RoleMapping? in
            if case .role(let role) = entry.mapping { return role }
            return nil
        }
        let users = walker.entries.compactMap { entry -> UserMapping? in
            if case .user(let user) = entry.mapping { return user }
            return nil
        }
        #expect(roles == parsed.mapping.roles)
        #expect(users == parsed.mapping.users)
        #expect(walker.objectCount == parsed.objectCount)
    }

    @Test func entryLinesInLiteralBlock() throws {
        var walker = MappingDocumentWalker(source: "clean.yaml")
        walker.read(Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("lint/clean.yaml")))))
        #expect(walker.entries.map(\.line) == [8, 13, 18, 24, 28, 35])
    }

    @Test func entryLinesInJSONStringAreTheStringsLine() throws {
        var walker = MappingDocumentWalker(source: "aws-auth-list.json")
        walker.read(Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("identity/aws-auth-list.json")))))
        #expect(walker.entries.map(\.line) == [16, 17])
    }

    @Test func invalidYAMLFile() throws {
        let findings = try Lint.fixture("lint/invalid-yaml.yaml")
        #expect(findings.ruleIDs == ["invalid-yaml"])
        #expect(findings.lines == [8])
        #expect(findings.first?.severity == .error)
    }

    @Test func invalidYAMLInsideMapRoles() throws {
        let findings = try Lint.fixture("lint/embedded-invalid-yaml.yaml")
        #expect(findings.ruleIDs == ["invalid-yaml"])
        #expect(findings.lines == [10])
        guard case .invalidYAML(let field, let error)? = findings.first?.problem else {
            Issue.record("expected invalid-yaml, got \(findings)")
            return
        }
        #expect(field == "mapRoles")
        #expect(error.mark.line == 3)
    }

    @Test func mapRolesListMakesConfigMapInvalid() throws {
        let findings = try Lint.fixture(Lint.configMaps + "aws-auth-missing-bar.yaml")
        #expect(findings.ruleIDs == ["data-value-not-string"])
        #expect(findings.lines == [8])
        #expect(findings.first?.problem == .dataValueNotString(key: "mapRoles", kind: "list"))
    }

    @Test func lowerCaseTopKeys() throws {
        let findings = try Lint.fixture(Lint.configMaps + "aws-auth-lower-case-top-keys.yaml")
        #expect(findings.ruleIDs == ["data-key-case", "data-key-case", "data-key-case"])
        #expect(findings.lines == [7, 13, 18])
        #expect(findings.first?.problem == .dataKeyWrongCase(key: "maproles", expected: "mapRoles"))
    }

    @Test func crazyCaseTopKeysSkipMisspelledKey() throws {
        // `MaPrCcOuNtS` is not a case variant of mapAccounts, so only two keys are reported.
        let findings = try Lint.fixture(Lint.configMaps + "aws-auth-crazy-case-top-keys.yaml")
        #expect(
            findings.map(\.problem) == [
                .dataKeyWrongCase(key: "MaPrOlEs", expected: "mapRoles"),
                .dataKeyWrongCase(key: "mApUsErS", expected: "mapUsers"),
            ])
    }

    @Test func droppedEntriesKeepTheDecodersReason() throws {
        let findings = try Lint.fixture("identity/aws-auth-bad-entries.yaml").filter { $0.ruleID == "invalid-entry" }
        #expect(findings.lines == [11, 12, 14, 24, 31, 34])
        #expect(
            findings.first?.problem
                == .invalidEntry(field: "mapRoles", index: 2, reason: "it is a string, not a mapping"))
        #expect(
            findings.last?.problem
                == .invalidEntry(field: "mapAccounts", index: 2, reason: "it is a list, not an account id"))
    }

    @Test func droppedEntryReasonHasNoParserPrefix() throws {
        let findings = try Lint.fixture("identity/aws-auth-bad-entries.yaml")
        let userEntry = findings.first { $0.line == 31 }
        #expect(userEntry?.problem == .invalidEntry(field: "mapUsers", index: 2, reason: "it has no userarn"))
    }

    @Test func identityMappingWithoutARN() throws {
        let findings = try Lint.fixture("identity/iamidentitymappings.yaml")
        #expect(findings.map(\.problem) == [.identityMappingWithoutARN(name: "broken")])
        #expect(findings.lines == [16])
    }

    @Test func identityMappingWithGroupARN() {
        let text = """
            apiVersion: iamauthenticator.k8s.aws/v1alpha1
            kind: IAMIdentityMapping
            metadata:
              name: devs
            spec:
              arn: arn:aws:iam::111122223333:group/devs
              username: devs
            """
        let findings = Lint.text(text)
        #expect(
            findings.map(\.problem) == [
                .identityMappingInvalidARN(name: "devs", arn: "arn:aws:iam::111122223333:group/devs")
            ])
        #expect(findings.lines == [6])
    }

    @Test func emptyInputHasNoMappings() {
        #expect(Lint.text("").map(\.problem) == [.noMappings])
    }

    @Test func listOfOtherConfigMapsHasNoMappings() {
        let text = """
            kind: List
            items:
            - kind: ConfigMap
              metadata: {name: coredns, namespace: kube-system}
            """
        #expect(Lint.text(text).map(\.problem) == [.noMappings])
    }

    @Test func otherConfigMapIsANote() {
        let findings = Lint.text("kind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\n")
        #expect(findings.map(\.problem) == [.otherConfigMap(name: "kube-system/coredns")])
        #expect(findings.first?.severity == .note)
    }

    @Test func unsupportedKindIsANote() {
        let findings = Lint.text("apiVersion: apps/v1\nkind: Deployment\n")
        #expect(findings.map(\.problem) == [.unsupportedKind("Deployment")])
        #expect(findings.first?.severity == .note)
    }

    @Test func scalarDocumentIsUnrecognized() {
        let findings = Lint.text("---\njust text\n")
        #expect(findings.map(\.problem) == [.unrecognizedDocument])
        #expect(findings.lines == [2])
    }

    @Test func dataThatIsAList() {
        let findings = Lint.text(Lint.configMap(data: "  - mapRoles"))
        #expect(findings.map(\.problem) == [.dataNotMapping(kind: "list")])
        #expect(findings.lines == [7])
    }

    @Test func mapRolesTextThatIsAMapping() {
        let findings = Lint.text(Lint.configMap(data: "  mapRoles: |\n    rolearn: arn:aws:iam::111122223333:role/x"))
        #expect(findings.map(\.problem) == [.entriesNotList(field: "mapRoles", kind: "mapping")])
        #expect(findings.lines == [8])
    }

    @Test func accountIDThatIsNotTwelveDigits() {
        let findings = Lint.text(Lint.configMap(data: "  mapAccounts: |\n    - \"111122223333\"\n    - 1234"))
        #expect(findings.map(\.problem) == [.invalidAccountID(index: 2, text: "1234")])
        #expect(findings.lines == [9])
    }

    @Test func findingsCarryTheSource() throws {
        let findings = try Lint.fixture("lint/invalid-yaml.yaml")
        #expect(findings.map(\.source) == ["lint/invalid-yaml.yaml"])
    }
}
