import Testing

@testable import AuthAuditKit

/// Entries whose ARN never matches, and entries replaced by a later one.
@Suite struct MappingLinterARNTests {
    private static let account = "arn:aws:iam::111122223333"

    private func reference(_ key: MappingEntryReference.Key, line: Int, index: Int) -> MappingEntryReference {
        MappingEntryReference(key: key, line: line, index: index)
    }

    // MARK: - Role paths

    @Test func roleARNsWithPathsAreErrors() throws {
        let findings = try Lint.fixture("lint/role-path.yaml")
        #expect(findings.ruleIDs == ["role-arn-has-path", "role-arn-has-path", "role-arn-has-path"])
        #expect(findings.lines == [8, 12, 16])
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test func ssoPathWithRegionSuggestsPathlessARN() throws {
        let findings = try Lint.fixture("lint/role-path.yaml")
        let arn = "\(Self.account):role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_Dev_0123456789abcdef"
        let expected = MappingProblem.roleARNHasPath(
            reference(.roleARN(arn), line: 8, index: 1),
            pathless: "\(Self.account):role/AWSReservedSSO_Dev_0123456789abcdef")
        #expect(findings.first?.problem == expected)
    }

    @Test func ssoPathWithoutRegionSuggestsPathlessARN() throws {
        let findings = try Lint.fixture("lint/role-path.yaml")
        guard case .roleARNHasPath(_, let pathless)? = findings.dropFirst().first?.problem else {
            Issue.record("expected role-arn-has-path, got \(findings)")
            return
        }
        #expect(pathless == "\(Self.account):role/AWSReservedSSO_Admin_fedcba9876543210")
    }

    @Test func customPathSuggestsRoleName() throws {
        let findings = try Lint.fixture("lint/role-path.yaml")
        guard case .roleARNHasPath(_, let pathless)? = findings.last?.problem else {
            Issue.record("expected role-arn-has-path, got \(findings)")
            return
        }
        #expect(pathless == "\(Self.account):role/deployer")
    }

    @Test func pathIsFineForDynamicFileEntryWithUserID() {
        let text = """
            {"mapRoles": [{"rolearn": "arn:aws:iam::111122223333:role/teams/deployer",
                           "username": "deployer:{{SessionNameRaw}}", "userid": "AROAEXAMPLEEXAMPLE123"}]}
            """
        #expect(Lint.text(text) == [])
    }

    @Test func pathIsAnErrorForDynamicFileEntryWithoutUserID() {
        let text = """
            {"mapRoles": [{"rolearn": "arn:aws:iam::111122223333:role/teams/deployer",
                           "username": "deployer:{{SessionNameRaw}}"}]}
            """
        #expect(Lint.text(text).ruleIDs == ["role-arn-has-path"])
    }

    @Test func identityMappingWithPath() {
        let text = """
            kind: IAMIdentityMapping
            metadata:
              name: deployer
            spec:
              arn: arn:aws:iam::111122223333:role/teams/deployer
              username: deployer:{{SessionNameRaw}}
            """
        let findings = Lint.text(text)
        #expect(findings.ruleIDs == ["role-arn-has-path"])
        #expect(findings.lines == [5])
    }

    @Test func wildcardRoleARNIsNotChecked() {
        let text = Lint.configMap(
            data: """
                  mapRoles: |
                    - rolearn: arn:aws:iam::111122223333:role/teams/*
                      username: team:{{SessionNameRaw}}
                """)
        #expect(Lint.text(text) == [])
    }

    // MARK: - Duplicates

    @Test func laterEntryForSameARNWins() throws {
        let findings = try Lint.fixture("lint/duplicate-arn.yaml")
        #expect(findings.ruleIDs == ["duplicate-arn", "duplicate-arn"])
        #expect(findings.lines == [8, 21])
    }

    @Test func duplicateRoleComparedIgnoringCase() throws {
        let findings = try Lint.fixture("lint/duplicate-arn.yaml")
        let expected = MappingProblem.duplicateEntry(
            reference(.roleARN("\(Self.account):role/platform-admin"), line: 8, index: 1), winnerLine: 16)
        #expect(findings.first?.problem == expected)
    }

    @Test func duplicateUserNamesTheWinner() throws {
        let findings = try Lint.fixture("lint/duplicate-arn.yaml")
        let expected = MappingProblem.duplicateEntry(
            reference(.userARN("\(Self.account):user/alice"), line: 21, index: 1), winnerLine: 23)
        #expect(findings.last?.problem == expected)
    }

    @Test func duplicateSSOMatchers() {
        let entry = """
                - sso:
                    permissionSetName: ReadOnly
                    accountID: "111122223333"
                  username: readonly:{{SessionNameRaw}}
            """
        let findings = Lint.text(Lint.configMap(data: "  mapRoles: |\n" + entry + "\n" + entry))
        #expect(findings.ruleIDs == ["duplicate-arn"])
        #expect(findings.lines == [8])
    }

    @Test func duplicateAcrossObjectsInOneFile() {
        let text = """
            kind: IAMIdentityMapping
            metadata: {name: first}
            spec: {arn: "arn:aws:iam::111122223333:role/admin", username: "a:{{SessionNameRaw}}"}
            ---
            kind: IAMIdentityMapping
            metadata: {name: second}
            spec: {arn: "arn:aws:iam::111122223333:role/admin", username: "b:{{SessionNameRaw}}"}
            """
        let findings = Lint.text(text)
        #expect(findings.ruleIDs == ["duplicate-arn"])
        #expect(findings.lines == [3])
    }

    // MARK: - mapUsers

    @Test func mapUsersFindingsInOrder() throws {
        let findings = try Lint.fixture("lint/map-users-arns.yaml")
        #expect(
            findings.ruleIDs == [
                "session-arn", "arn-has-region", "role-in-map-users", "role-arn-has-path", "invalid-arn",
            ])
        #expect(findings.lines == [8, 10, 12, 14, 16])
    }

    @Test func assumedRoleARNUnderMapUsers() throws {
        let findings = try Lint.fixture("lint/map-users-arns.yaml")
        let arn = "arn:aws:sts::111122223333:assumed-role/Developer/jane@corp.example"
        let expected = MappingProblem.sessionARN(
            reference(.userARN(arn), line: 8, index: 1), roleARN: "\(Self.account):role/Developer")
        #expect(findings.first?.problem == expected)
    }

    @Test func regionInUserARN() throws {
        let findings = try Lint.fixture("lint/map-users-arns.yaml")
        let expected = MappingProblem.arnHasRegion(
            reference(.userARN("arn:aws:iam:eu-west-1:111122223333:user/bob"), line: 10, index: 2),
            region: "eu-west-1", corrected: "\(Self.account):user/bob")
        #expect(findings.first { $0.line == 10 }?.problem == expected)
    }

    @Test func pathlessRoleUnderMapUsersIsAWarning() throws {
        let findings = try Lint.fixture("lint/map-users-arns.yaml")
        #expect(findings.first { $0.line == 12 }?.severity == .warning)
    }

    @Test func roleWithPathUnderMapUsers() throws {
        let findings = try Lint.fixture("lint/map-users-arns.yaml")
        guard case .roleARNHasPath(_, let pathless)? = findings.first(where: { $0.line == 14 })?.problem else {
            Issue.record("expected role-arn-has-path on line 14, got \(findings)")
            return
        }
        #expect(pathless == "\(Self.account):role/legacy-deployer")
    }

    @Test func groupARNNeverMatches() throws {
        let findings = try Lint.fixture("lint/map-users-arns.yaml")
        let expected = MappingProblem.invalidARN(
            reference(.userARN("\(Self.account):group/developers"), line: 16, index: 5),
            reason: .unsupportedResource(service: "iam", resource: "group/developers"))
        #expect(findings.first { $0.line == 16 }?.problem == expected)
    }

    @Test func assumedRoleARNUnderMapRoles() {
        let text = Lint.configMap(
            data: """
                  mapRoles: |
                    - rolearn: arn:aws:sts::111122223333:assumed-role/Admin/jane
                      username: admin:{{SessionNameRaw}}
                """)
        #expect(Lint.text(text).ruleIDs == ["session-arn"])
    }

    @Test func unknownPartition() {
        let text = Lint.configMap(
            data: """
                  mapRoles: |
                    - rolearn: arn:aws-mars:iam::111122223333:role/Admin
                      username: admin:{{SessionNameRaw}}
                """)
        let findings = Lint.text(text)
        guard case .invalidARN(_, let reason)? = findings.first?.problem else {
            Issue.record("expected invalid-arn, got \(findings)")
            return
        }
        #expect(reason == .unknownPartition("aws-mars"))
    }

    @Test func textThatIsNotAnARN() {
        let text = Lint.configMap(
            data: """
                  mapRoles: |
                    - rolearn: Admin
                      username: admin:{{SessionNameRaw}}
                """)
        #expect(Lint.text(text).ruleIDs == ["invalid-arn"])
    }
}
