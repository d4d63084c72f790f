import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct AwsAuthParserTests {
    private func parseFixture(_ relative: String) throws -> AwsAuthParseResult {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(relative)))
        return AwsAuthParser.parse(Array(data), source: relative)
    }

    private static let configMaps = "corpus/aws-iam-authenticator/aws-auth-configmaps/"
    private static let nodeRole = "arn:aws:iam::555555555555:role/devel-worker-nodes-NodeInstanceRole-74RF4UBDUKL6"

    @Test(arguments: ["aws-auth.yaml", "aws-auth-crazy-case-keys.yaml", "aws-auth-open-source-case-keys.yaml"])
    func validConfigMaps(file: String) throws {
        let result = try parseFixture(Self.configMaps + file)
        #expect(
            result.mapping.roles == [
                RoleMapping(
                    roleARN: Self.nodeRole, username: "system:node:{{EC2PrivateDNSName}}",
                    groups: ["system:bootstrappers", "system:nodes"])
            ])
        #expect(
            result.mapping.users == [
                UserMapping(
                    userARN: "arn:aws:iam::555555555555:user/admin", username: "admin", groups: ["system:masters"])
            ])
        #expect(result.mapping.accounts == ["555555555555"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test(arguments: ["aws-auth-lower-case-top-keys.yaml", "aws-auth-crazy-case-top-keys.yaml"])
    func wrongCaseTopKeysGiveNothing(file: String) throws {
        let result = try parseFixture(Self.configMaps + file)
        #expect(result.mapping == AwsAuthMapping())
        #expect(result.objectCount == 1)
    }

    @Test func lowerCaseTopKeysAreWarned() throws {
        let result = try parseFixture(Self.configMaps + "aws-auth-lower-case-top-keys.yaml")
        #expect(result.diagnostics.count == 3)
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func missingBarMakesConfigMapInvalid() throws {
        let result = try parseFixture(Self.configMaps + "aws-auth-missing-bar.yaml")
        #expect(result.mapping == AwsAuthMapping())
        #expect(result.diagnostics.map(\.severity) == [.error])
        #expect(result.diagnostics.first?.line == 8)
    }

    @Test func spaceOutOfPlaceJoinsGroups() throws {
        let result = try parseFixture(Self.configMaps + "aws-auth-space-out-of-place.yaml")
        #expect(result.mapping.roles.first?.groups == ["system:bootstrappers - system:nodes"])
        #expect(result.mapping.roles.count == 1)
        #expect(result.mapping.users.count == 1)
        #expect(result.mapping.accounts == ["555555555555"])
    }

    @Test func identityMappingExample() throws {
        let result = try parseFixture("corpus/aws-iam-authenticator/example-iamidentitymapping.yaml")
        #expect(
            result.mapping.users == [
                UserMapping(
                    userARN: "arn:aws:iam::XXXXXXXXXXXX:user/KubernetesAdmin", username: "kubernetes-admin",
                    groups: ["system:masters"])
            ])
        #expect(result.mapping.roles.isEmpty)
    }

    @Test func identityMappingRoleAndBrokenObject() throws {
        let result = try parseFixture("identity/iamidentitymappings.yaml")
        #expect(result.mapping.roles.map(\.roleARN) == ["arn:aws:iam::111122223333:role/PlatformAdmin"])
        #expect(result.objectCount == 2)
        #expect(result.diagnostics.map(\.line) == [16])
    }

    @Test(arguments: ["access-entries.template.json", "access-entries-username-prefix.template.json"])
    func dynamicFileTemplates(file: String) throws {
        let result = try parseFixture("corpus/aws-iam-authenticator/dynamicfile/" + file)
        #expect(result.mapping.roles.count == 1)
        #expect(result.mapping.roles.first?.userID == "{{USER_ID}}")
        #expect(result.mapping.roles.first?.groups == ["system:masters"])
    }

    @Test func listWithJSONConfigMap() throws {
        let result = try parseFixture("identity/aws-auth-list.json")
        #expect(result.mapping.roles.map(\.username) == ["admin:{{SessionName}}"])
        #expect(result.mapping.users.map(\.userARN) == ["arn:aws:iam::111122223333:user/ops/alice"])
        #expect(result.mapping.users.first?.groups == ["ops"])
        #expect(result.mapping.accounts == ["444455556666", "777788889999"])
        #expect(result.objectCount == 1)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func badEntriesAreDroppedOthersKept() throws {
        let result = try parseFixture("identity/aws-auth-bad-entries.yaml")
        #expect(
            result.mapping.roles.map(\.username) == [
                "good", "sso-admin:{{SessionName}}", "readonly:{{SessionNameRaw}}",
            ])
        #expect(result.mapping.roles.last?.ssoPermissionSetName == "ReadOnly")
        #expect(result.mapping.users.map(\.username) == ["bob"])
        #expect(result.mapping.accounts == ["111122223333"])
    }

    @Test func badEntryDiagnosticsPointAtLines() throws {
        let result = try parseFixture("identity/aws-auth-bad-entries.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.line)
        #expect(errors == [11, 12, 14, 24, 31, 34])
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.line)
        #expect(warnings == [15])
    }

    @Test func roleWithPathWarningSuggestsFix() throws {
        let result = try parseFixture("identity/aws-auth-bad-entries.yaml")
        let warning = result.diagnostics.first { $0.severity == .warning }
        guard case .invalidDocument(let reason)? = warning?.problem else {
            Issue.record("expected an invalidDocument warning")
            return
        }
        #expect(reason.hasSuffix("use arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef."))
    }

    @Test(arguments: ["", "  ", "``", "\"\""])
    func skippableDataValues(value: String) {
        let yaml =
            "kind: ConfigMap\nmetadata: {name: aws-auth}\ndata:\n  mapRoles: '\(value.replacingOccurrences(of: "'", with: "''"))'\n"
        let result = AwsAuthParser.parse(yaml, source: "test")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func syntaxErrorInsideMapRolesHasFileLine() {
        let yaml =
            "kind: ConfigMap\nmetadata: {name: aws-auth}\ndata:\n  mapRoles: |\n    - rolearn: x\n      username: a: b\n    - rolearn: y\n"
        let result = AwsAuthParser.parse(yaml, source: "test")
        #expect(result.diagnostics.first?.line == 6)
        #expect(result.mapping.roles.isEmpty)
    }

    @Test func otherConfigMapIsSkipped() {
        let result = AwsAuthParser.parse(
            "kind: ConfigMap\nmetadata: {name: other}\ndata: {mapRoles: '[]'}\n", source: "test")
        #expect(result.objectCount == 0)
        #expect(result.diagnostics.map(\.severity) == [.note])
    }

    @Test func unknownInputIsReported() {
        let result = AwsAuthParser.parse("hello: world\n", source: "test")
        #expect(result.diagnostics.map(\.problem) == [.unknownFormat])
    }

    @Test func invalidYAMLIsReported() {
        let result = AwsAuthParser.parse("kind: [\n", source: "test")
        #expect(result.diagnostics.map(\.severity) == [.error])
    }
}
