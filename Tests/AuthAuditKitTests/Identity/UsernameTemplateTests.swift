import Testing

@testable import AuthAuditKit

@Suite struct UsernameTemplateTests {
    @Test func splitsPlaceholders() {
        let template = UsernameTemplate("a:{{AccountID}}:{{SessionName}}{{Unknown}}")
        #expect(
            template.segments == [
                .literal("a:"), .placeholder(.accountID), .literal(":"), .placeholder(.sessionName),
                .literal("{{Unknown}}"),
            ])
    }

    @Test func renderReplacesAtInSessionName() {
        let template = UsernameTemplate("devuser:{{SessionName}}")
        #expect(template.render(TemplateValues(sessionName: "jane@corp.example")) == "devuser:jane-corp.example")
    }

    @Test func renderKeepsRawSessionName() {
        let template = UsernameTemplate("{{SessionNameRaw}}/{{SessionName}}")
        #expect(template.render(TemplateValues(sessionName: "a@b")) == "a@b/a-b")
    }

    @Test func renderAllPlaceholders() {
        let template = UsernameTemplate("{{EC2PrivateDNSName}}|{{AccountID}}|{{AccessKeyID}}")
        let values = TemplateValues(
            accountID: "123456789012", accessKeyID: "ASIAABCDEFGHIJKLMNOP",
            ec2PrivateDNSName: "ip-10-0-0-1.ec2.internal")
        #expect(template.render(values) == "ip-10-0-0-1.ec2.internal|123456789012|ASIAABCDEFGHIJKLMNOP")
    }

    @Test func renderLeavesMissingValues() {
        #expect(
            UsernameTemplate("system:node:{{EC2PrivateDNSName}}").render(TemplateValues())
                == "system:node:{{EC2PrivateDNSName}}")
    }

    @Test func matchSDKTimestampSession() {
        let match = UsernameTemplate("adminuser-{{SessionName}}").match("adminuser-1529910544824263459")
        #expect(match == .unique(TemplateCaptures([.sessionName: "1529910544824263459"])))
    }

    @Test func matchSessionWithDashIsNotExact() {
        let match = UsernameTemplate("devuser:{{SessionName}}").match("devuser:jane-corp.example")
        guard case .unique(let captures) = match else {
            Issue.record("expected one match, got \(match)")
            return
        }
        #expect(captures[.sessionName] == "jane-corp.example")
        #expect(captures.exactSessionName == nil)
    }

    @Test func matchRawSessionIsExact() {
        let match = UsernameTemplate("sso:{{SessionNameRaw}}").match("sso:jane@corp.example")
        #expect(match == .unique(TemplateCaptures([.sessionNameRaw: "jane@corp.example"])))
    }

    @Test func matchLiteralTemplate() {
        #expect(UsernameTemplate("admin").match("admin") == .unique(TemplateCaptures()))
        #expect(UsernameTemplate("admin").match("admin2") == .noMatch)
    }

    @Test func matchNodeName() {
        let match = UsernameTemplate("system:node:{{EC2PrivateDNSName}}").match(
            "system:node:ip-192-168-70-74.eu-west-1.compute.internal")
        #expect(match == .unique(TemplateCaptures([.ec2PrivateDNSName: "ip-192-168-70-74.eu-west-1.compute.internal"])))
    }

    @Test func sessionNameCannotContainColonOrSlash() {
        #expect(UsernameTemplate("u:{{SessionName}}").match("u:a:b") == .noMatch)
        #expect(UsernameTemplate("u:{{SessionName}}").match("u:a/b") == .noMatch)
    }

    @Test func sessionNameLengthLimits() {
        let template = UsernameTemplate("u:{{SessionName}}")
        #expect(template.match("u:a") == .noMatch)
        #expect(template.match("u:" + String(repeating: "a", count: 64)) != .noMatch)
        #expect(template.match("u:" + String(repeating: "a", count: 65)) == .noMatch)
    }

    @Test func accountAndAccessKeyShapes() {
        let template = UsernameTemplate("{{AccountID}}-{{AccessKeyID}}")
        #expect(template.match("123456789012-AKIAABCDEFGHIJKLMNOP") != .noMatch)
        #expect(template.match("12345678901-AKIAABCDEFGHIJKLMNOP") == .noMatch)
        #expect(template.match("123456789012-AXIAABCDEFGHIJKLMNOP") == .noMatch)
    }

    @Test func adjacentPlaceholdersAreAmbiguous() {
        let match = UsernameTemplate("{{SessionName}}-{{EC2PrivateDNSName}}").match("ab-cd-ef")
        let expected: [TemplateCaptures] = [
            TemplateCaptures([.sessionName: "ab", .ec2PrivateDNSName: "cd-ef"]),
            TemplateCaptures([.sessionName: "ab-cd", .ec2PrivateDNSName: "ef"]),
        ]
        #expect(match == .ambiguous(expected))
    }

    @Test func repeatedPlaceholderMustAgree() {
        let template = UsernameTemplate("{{SessionName}}:{{SessionName}}")
        #expect(template.match("ab:ab") == .unique(TemplateCaptures([.sessionName: "ab"])))
        #expect(template.match("ab:cd") == .noMatch)
    }
}
