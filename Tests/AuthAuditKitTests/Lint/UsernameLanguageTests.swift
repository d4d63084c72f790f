import Testing

@testable import AuthAuditKit

@Suite struct UsernameLanguageTests {
    private func language(
        _ template: String, account: String? = nil, sessions: Bool = true
    ) -> UsernameLanguage? {
        UsernameLanguage(template: UsernameTemplate(template), accountID: account, matchesSessions: sessions)
    }

    private func common(_ first: UsernameLanguage?, _ second: UsernameLanguage?) -> String? {
        guard let first, let second else { return nil }
        return UsernameLanguage.commonUsername(first, second)
    }

    @Test func identicalSessionTemplates() {
        #expect(common(language("adminuser:{{SessionName}}"), language("adminuser:{{SessionName}}")) == "adminuser:aa")
    }

    @Test func differentLiteralPrefixes() {
        #expect(common(language("dev:{{SessionName}}"), language("ops:{{SessionName}}")) == nil)
    }

    @Test func literalInsideAPlaceholder() {
        #expect(common(language("dev-{{SessionName}}"), language("dev-admin-{{SessionName}}")) == "dev-admin-aa")
    }

    @Test func atSignOnlyInRawSessionName() {
        #expect(common(language("u:{{SessionName}}"), language("u:{{SessionNameRaw}}@x")) == nil)
    }

    @Test func colonIsNotASessionCharacter() {
        #expect(common(language("a:{{SessionName}}"), language("a:b:{{SessionName}}")) == nil)
    }

    @Test func sessionNameLengthLimit() {
        let long = String(repeating: "x", count: 65)
        #expect(common(language("u:{{SessionName}}"), language("u:" + long)) == nil)
    }

    @Test func sessionNameMinimumLength() {
        #expect(common(language("u:{{SessionName}}"), language("u:x")) == nil)
    }

    @Test func differentLiteralSuffixes() {
        #expect(common(language("{{SessionName}}-dev"), language("{{SessionName}}-ops")) == nil)
    }

    @Test func shorterPrefixContinuesInPlaceholder() {
        #expect(common(language("a{{SessionName}}"), language("ab{{SessionName}}")) == "abaa")
    }

    @Test func literalUsernames() {
        #expect(common(language("admin"), language("admin")) == "admin")
    }

    @Test func accountIDOfDifferentAccounts() {
        let first = language("acct-{{AccountID}}", account: "111122223333")
        let second = language("acct-{{AccountID}}", account: "444455556666")
        #expect(common(first, second) == nil)
    }

    @Test func unknownAccountIDIsAnyTwelveDigits() {
        #expect(common(language("acct-{{AccountID}}"), language("acct-111122223333")) == "acct-111122223333")
    }

    @Test func accessKeyIDStartsWithAKIAOrASIA() {
        #expect(common(language("k-{{AccessKeyID}}"), language("k-AXIA{{SessionName}}")) == nil)
    }

    @Test func accessKeyIDExample() {
        #expect(common(language("k-{{AccessKeyID}}"), language("k-{{SessionName}}")) == "k-AKIA0000000000000000")
    }

    @Test func iamUserSessionNameIsEmpty() {
        #expect(common(language("bob{{SessionName}}", sessions: false), language("bob")) == "bob")
    }

    @Test func iamUserCannotRenderNodeName() {
        #expect(language("system:node:{{EC2PrivateDNSName}}", sessions: false) == nil)
    }

    @Test func nodeNameIsLowerCase() {
        #expect(common(language("n:{{EC2PrivateDNSName}}"), language("n:ABC")) == nil)
    }

    @Test func nonASCIILiterals() {
        #expect(common(language("équipe:{{SessionName}}"), language("équipe:ab")) == "équipe:ab")
    }
}
