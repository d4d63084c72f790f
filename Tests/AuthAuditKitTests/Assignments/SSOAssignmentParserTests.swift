import Testing

@testable import AuthAuditKit

@Suite struct SSOAssignmentParserTests {
    private static let adminsID = "906752a4e0-1c2b3d4e-5f60-7182-93a4-b5c6d7e8f901"
    private static let otherGroupID = "906752a4e0-00000000-0000-0000-0000-000000000002"
    private static let adminsARN = "arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-aaaabbbbccccdddd"
    private static let userPermissionSetARN =
        "arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-eeeeffff00001111"

    private func read(_ names: [String]) throws -> (assignments: SSOAssignmentSet, diagnostics: [Diagnostic]) {
        SSOAssignmentParser.read(try AssignmentFixtures.inputs(names))
    }

    // MARK: - Own YAML format

    @Test(arguments: [
        ("AWS-EKS-Admins", "111122223333", ["AWS-EKS-Admins", "Platform-Oncall"]),
        ("aws-eks-admins", "111122223333", ["AWS-EKS-Admins", "Platform-Oncall"]),
        ("AWS-EKS-Admins", "444455556666", ["AWS-EKS-Admins"]),
        ("ReadOnlyAccess", "111122223333", ["AWS-EKS-ReadOnly"]),
        ("ReadOnlyAccess", "444455556666", []),
        ("AdministratorAccess", "012345678901", []),
    ])
    func ownFormatGroups(permissionSet: String, account: String, expected: [String]) throws {
        let result = try read(["sso-assignments.yaml"])
        #expect(result.assignments.groups(holding: permissionSet, account: account) == expected)
    }

    @Test func ownFormatKeepsUserAndLeadingZeros() throws {
        let result = try read(["sso-assignments.yaml"])
        let user = result.assignments.assignments.first { $0.principalType == .user }
        #expect(user?.principalName == "jane.doe@example.com")
        #expect(user?.account == "012345678901")
        #expect(result.assignments.assignments.count == 5)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func ownFormatDropsBadEntries() throws {
        let result = SSOAssignmentParser.parse(try AssignmentFixtures.bytes("sso-assignments-bad.yaml"), source: "bad")
        let assignments = result.inventory.assignments
        #expect(assignments.map(\.principalName) == ["Good-Group"])
        #expect(assignments.map(\.account) == ["111122223333"])
        #expect(result.diagnostics.map(\.line) == [4, 7, 9, 12, 14, 16])
        #expect(result.diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test(arguments: [
        (0, "account '12345'"),
        (1, "group is missing"),
        (2, "'has spaces' is not a permission set name"),
        (3, "neither account nor accounts"),
        (4, "it is a string, not a mapping"),
        (5, "apiVersion 'authaudit/v2' is not supported"),
    ])
    func ownFormatDiagnosticReasons(index: Int, fragment: String) throws {
        let result = SSOAssignmentParser.parse(try AssignmentFixtures.bytes("sso-assignments-bad.yaml"), source: "bad")
        let reasons = AssignmentFixtures.reasons(result.diagnostics)
        try #require(reasons.count == 6)
        #expect(reasons[index].contains(fragment))
    }

    // MARK: - CLI output joined

    @Test func joinReplacesIDsByNames() throws {
        let result = try read(["list-account-assignments.json", "list-groups.json", "describe-permission-set.json"])
        #expect(
            result.assignments.groups(holding: "AWS-EKS-Admins", account: "111122223333")
                == ["906752a4e0-00000000-0000-0000-0000-000000000002", "AWS-EKS-Admins"])
        let admins = result.assignments.assignments(ofGroup: "AWS-EKS-Admins")
        #expect(admins.map(\.principalID) == [Self.adminsID])
        #expect(admins.map(\.permissionSetARN) == [Self.adminsARN])
    }

    @Test func joinWorksInAnyFileOrder() throws {
        let forward = try read(["list-account-assignments.json", "list-groups.json", "describe-permission-set.json"])
        let backward = try read(["describe-permission-set.json", "list-groups.json", "list-account-assignments.json"])
        #expect(forward.assignments == backward.assignments)
    }

    @Test func missingNamesKeepIDsAndWarnOnce() throws {
        let result = try read(["list-account-assignments.json", "list-groups.json", "describe-permission-set.json"])
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        let reasons = AssignmentFixtures.reasons(warnings)
        #expect(warnings.count == 2)
        let groupWarning = reasons.first { $0.contains(Self.otherGroupID) }
        let permissionSetWarning = reasons.first { $0.contains(Self.userPermissionSetARN) }
        #expect(groupWarning?.contains("list-groups") == true)
        #expect(permissionSetWarning?.contains("describe-permission-set") == true)
        #expect(warnings.allSatisfy { $0.source == "list-account-assignments.json" })
    }

    @Test func unresolvedPermissionSetMatchesByARN() throws {
        let result = try read(["list-account-assignments.json"])
        #expect(
            result.assignments.groups(holding: Self.adminsARN, account: "111122223333")
                == [Self.otherGroupID, Self.adminsID])
        #expect(result.assignments.groups(holding: "AWS-EKS-Admins", account: "111122223333").isEmpty)
    }

    @Test func userPrincipalKeepsIDWithoutWarning() throws {
        let result = try read(["list-account-assignments.json", "list-groups.json", "describe-permission-set.json"])
        let user = result.assignments.assignments.first { $0.principalType == .user }
        #expect(user?.principalName == "906752a4e0-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
        #expect(!AssignmentFixtures.reasons(result.diagnostics).contains { $0.contains("aaaaaaaa-bbbb") })
    }

    @Test(arguments: [
        ("list-account-assignments.json", 21, "AccountId '1111' is not a 12-digit"),
        ("list-account-assignments.json", 27, "PrincipalType 'ROLE' is neither GROUP nor USER"),
        ("list-groups.json", 20, "DisplayName is missing"),
    ])
    func badCLIEntriesAreDropped(source: String, line: Int, fragment: String) throws {
        let result = try read(["list-account-assignments.json", "list-groups.json"])
        let errors = result.diagnostics.filter { $0.severity == .error }
        let match = errors.first { $0.source == source && $0.line == line }
        #expect(match.map { AssignmentFixtures.reasons([$0]).first?.contains(fragment) == true } == true)
    }

    @Test func concatenatedOutputsKeepLinesAndWarnOnNextToken() throws {
        let result = SSOAssignmentParser.parse(
            try AssignmentFixtures.bytes("list-account-assignments-loop.json"), source: "loop")
        #expect(result.inventory.assignments.count == 2)
        #expect(result.diagnostics.map(\.line) == [11])
        #expect(AssignmentFixtures.reasons(result.diagnostics).first?.contains("NextToken") == true)
    }

    @Test func ownFormatAndCLIOutputCombine() throws {
        let result = try read([
            "sso-assignments.yaml", "list-account-assignments-loop.json", "list-groups.json",
            "describe-permission-set.json",
        ])
        #expect(result.assignments.groups(holding: "AWS-EKS-Admins", account: "444455556666") == ["AWS-EKS-Admins"])
        #expect(result.assignments.assignments(ofGroup: "AWS-EKS-Admins").count == 4)
    }

    @Test(
        arguments: [
            ("not: [valid", "The YAML is invalid"),
            ("{\"Something\": 1}", nil),
            ("- a\n- b\n", nil),
        ] as [(String, String?)])
    func unusableInputsAreReported(text: String, fragment: String?) {
        let result = SSOAssignmentParser.parse(text, source: "x")
        #expect(result.inventory.assignments.isEmpty)
        #expect(result.diagnostics.count == 1)
        if let fragment {
            #expect(AssignmentFixtures.reasons(result.diagnostics).first?.contains(fragment) == true)
        } else {
            #expect(result.diagnostics.first?.problem == .unknownFormat)
        }
    }
}
