import Testing

@testable import AuthAuditKit

/// Usernames that cannot be traced, reserved prefixes, unbound groups and e-mail session names.
@Suite struct MappingLinterUsernameTests {
    private static let account = "arn:aws:iam::111122223333"

    // MARK: - Overlapping templates

    @Test func overlappingTemplatesAreWarned() throws {
        let findings = try Lint.fixture("lint/username-overlap.yaml")
        #expect(findings.ruleIDs == ["username-overlap", "username-overlap"])
        #expect(findings.lines == [10, 14])
        #expect(findings.allSatisfy { $0.severity == .warning })
    }

    @Test func sameTemplateOnTwoRoles() throws {
        let findings = try Lint.fixture("lint/username-overlap.yaml")
        guard
            case .usernamesOverlap(let entry, let template, let other, let otherTemplate, let example)? =
                findings.first?.problem
        else {
            Issue.record("expected username-overlap, got \(findings)")
            return
        }
        #expect(entry.key == .roleARN("\(Self.account):role/AWSReservedSSO_PowerUser_fedcba9876543210"))
        #expect(template == "adminuser:{{SessionName}}")
        #expect(other.line == 8)
        #expect(otherTemplate == "adminuser:{{SessionName}}")
        #expect(example == "adminuser:aa")
    }

    @Test func prefixThatContinuesAnotherPrefix() throws {
        let findings = try Lint.fixture("lint/username-overlap.yaml")
        guard case .usernamesOverlap(_, _, let other, _, let example)? = findings.last?.problem else {
            Issue.record("expected username-overlap, got \(findings)")
            return
        }
        #expect(other.key == .roleARN("\(Self.account):role/dev"))
        #expect(example == "dev-admin-aa")
    }

    @Test func overlapIsFoundInOneJSONString() throws {
        let text = Lint.configMap(
            data: #"""
                  mapRoles: '[{"rolearn": "arn:aws:iam::111122223333:role/a", "username": "x:{{SessionName}}"},
                    {"rolearn": "arn:aws:iam::111122223333:role/b", "username": "x:{{SessionNameRaw}}"}]'
                """#)
        let findings = Lint.text(text)
        #expect(findings.ruleIDs == ["username-overlap"])
        #expect(findings.first?.message.contains("in entry 1 on the same line") == true)
    }

    // MARK: - Templates without a session

    @Test func roleTemplatesWithoutSession() throws {
        let findings = try Lint.fixture("lint/username-without-session.yaml")
        #expect(findings.ruleIDs == ["username-without-session", "username-without-session"])
        #expect(findings.lines == [8, 12])
    }

    @Test func withoutSessionSuggestsRawSessionName() throws {
        let findings = try Lint.fixture("lint/username-without-session.yaml")
        guard case .usernameWithoutSession(_, let template, let suggestion)? = findings.first?.problem else {
            Issue.record("expected username-without-session, got \(findings)")
            return
        }
        #expect(template == "kubernetes-admin")
        #expect(suggestion == "kubernetes-admin:{{SessionNameRaw}}")
    }

    @Test func accessEntriesTemplateWithoutSession() throws {
        let findings = try Lint.fixture("corpus/aws-iam-authenticator/dynamicfile/access-entries.template.json")
        #expect(findings.ruleIDs == ["username-without-session"])
        #expect(findings.lines == [3])
    }

    @Test func emptyUsernameSuggestsRoleName() {
        let text = Lint.configMap(
            data: """
                  mapRoles: |
                    - rolearn: arn:aws:iam::111122223333:role/deployer
                """)
        let findings = Lint.text(text)
        guard case .usernameWithoutSession(_, _, let suggestion)? = findings.first?.problem else {
            Issue.record("expected username-without-session, got \(findings)")
            return
        }
        #expect(suggestion == "deployer:{{SessionNameRaw}}")
    }

    // MARK: - Reserved prefixes

    @Test func reservedPrefixesOutsideNodeEntries() throws {
        let findings = try Lint.fixture("lint/reserved-prefix.yaml")
        #expect(
            findings.ruleIDs == ["reserved-username-prefix", "reserved-username-prefix", "reserved-username-prefix"])
        #expect(findings.lines == [13, 17, 20])
    }

    @Test func reservedPrefixNamesThePrefix() throws {
        let findings = try Lint.fixture("lint/reserved-prefix.yaml")
        guard case .reservedUsernamePrefix(_, let username, let prefix)? = findings.first?.problem else {
            Issue.record("expected reserved-username-prefix, got \(findings)")
            return
        }
        #expect(username == "eks:admin:{{SessionNameRaw}}")
        #expect(prefix == "eks:")
    }

    @Test func nodeEntriesAreNotReserved() throws {
        let findings = try Lint.fixture("lint/clean.yaml")
        #expect(findings.filter { $0.ruleID == "reserved-username-prefix" } == [])
    }

    // MARK: - Groups

    @Test func groupsWithoutBinding() throws {
        let context = LintContext(boundGroups: ["developers"])
        let findings = try Lint.fixture("lint/unbound-group.yaml", context: context)
        #expect(findings.ruleIDs == ["group-not-bound", "group-not-bound"])
        #expect(findings.lines == [8, 15])
    }

    @Test func unboundGroupNames() throws {
        let context = LintContext(boundGroups: ["developers"])
        let findings = try Lint.fixture("lint/unbound-group.yaml", context: context)
        let groups = findings.compactMap { finding -> String? in
            if case .groupNotBound(_, let group) = finding.problem { return group }
            return nil
        }
        #expect(groups == ["viewers", "platform-admins"])
    }

    @Test func groupsAreNotCheckedWithoutRBACData() throws {
        #expect(try Lint.fixture("lint/unbound-group.yaml") == [])
    }

    @Test func cleanFileWithAllGroupsBound() throws {
        let context = LintContext(boundGroups: ["developers", "viewers", "operators", "system:node-proxier"])
        #expect(try Lint.fixture("lint/clean.yaml", context: context) == [])
    }

    @Test func groupJoinedByBadIndentation() throws {
        let context = LintContext(boundGroups: [])
        let findings = try Lint.fixture(Lint.configMaps + "aws-auth-space-out-of-place.yaml", context: context)
        #expect(
            findings.map(\.problem) == [
                .groupNotBound(
                    MappingEntryReference(
                        key: .roleARN(
                            "arn:aws:iam::555555555555:role/devel-worker-nodes-NodeInstanceRole-74RF4UBDUKL6"),
                        line: 8, index: 1),
                    group: "system:bootstrappers - system:nodes")
            ])
    }

    // MARK: - E-mail session names

    private static let sessions = LintContext(sessionNamesByRole: [
        "\(account):role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_Dev_0123456789abcdef": [
            "jane@corp.example", "1742306818440282915", "bob@corp.example",
        ],
        "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_fedcba9876543210/ann@corp.example": [
            "ann@corp.example"
        ],
        "\(account):role/AWSReservedSSO_ReadOnly_00112233445566ff": ["rita@corp.example"],
    ])

    @Test func emailSessionsWithSessionNameTemplate() throws {
        let findings = try Lint.fixture("lint/email-session.yaml", context: Self.sessions)
        #expect(findings.ruleIDs == ["session-name-email", "session-name-email"])
        #expect(findings.lines == [8, 12])
    }

    @Test func emailSessionExampleAndCount() throws {
        let findings = try Lint.fixture("lint/email-session.yaml", context: Self.sessions)
        guard case .sessionNameWithAtSign(_, let template, let sessionName, let count)? = findings.first?.problem else {
            Issue.record("expected session-name-email, got \(findings)")
            return
        }
        #expect(template == "devuser:{{SessionName}}")
        #expect(sessionName == "bob@corp.example")
        #expect(count == 2)
    }

    @Test func ssoMatcherServesObservedRole() throws {
        let findings = try Lint.fixture("lint/email-session.yaml", context: Self.sessions)
        let expected = MappingEntryReference(
            key: .ssoMatcher(permissionSetName: "Admin", accountID: "111122223333"), line: 12, index: 2)
        guard case .sessionNameWithAtSign(let entry, _, _, _)? = findings.last?.problem else {
            Issue.record("expected session-name-email, got \(findings)")
            return
        }
        #expect(entry == expected)
    }

    @Test func noSessionFindingWithoutObservedSessions() throws {
        #expect(try Lint.fixture("lint/email-session.yaml") == [])
    }

    @Test func rawSessionNameTemplateKeepsEmail() throws {
        let context = LintContext(sessionNamesByRole: [
            "\(Self.account):role/AWSReservedSSO_Dev_0123456789abcdef": ["jane@corp.example"]
        ])
        #expect(try Lint.fixture("lint/clean.yaml", context: context) == [])
    }

    @Test func replacedEntryIsNotBlamed() {
        // The first entry is replaced by the second, which uses {{SessionNameRaw}}, so no e-mail finding is due.
        let text = Lint.configMap(
            data: """
                  mapRoles: |
                    - rolearn: arn:aws:iam::111122223333:role/dev
                      username: dev:{{SessionName}}
                    - rolearn: arn:aws:iam::111122223333:role/dev
                      username: dev:{{SessionNameRaw}}
                """)
        let context = LintContext(sessionNamesByRole: ["\(Self.account):role/dev": ["jane@corp.example"]])
        #expect(Lint.text(text, context: context).ruleIDs == ["duplicate-arn"])
    }
}
