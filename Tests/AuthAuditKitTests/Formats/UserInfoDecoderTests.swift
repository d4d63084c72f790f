import Testing

@testable import AuthAuditKit

@Suite struct UserInfoDecoderTests {
    private func decode(_ text: String) throws -> UserInfo {
        try Array(text.utf8).withUnsafeBytes { try UserInfoDecoder.decode($0) }
    }

    @Test func decodesEveryField() throws {
        let user = try decode(#"""
            {"username":"kubernetes-admin","uid":"aws-iam-authenticator:111122223333:AROAEXAMPLE",\#
            "groups":["system:masters","system:authenticated"],"extra":{"accessKeyId":["ASIAEXAMPLE"],\#
            "arn":["arn:aws:sts::111122223333:assumed-role/Admin/jdoe@corp.example"],\#
            "sessionName":["jdoe@corp.example"]}}
            """#)
        #expect(user.username == "kubernetes-admin")
        #expect(user.uid == "aws-iam-authenticator:111122223333:AROAEXAMPLE")
        #expect(user.groups == ["system:masters", "system:authenticated"])
        #expect(user.firstExtra("sessionName") == "jdoe@corp.example")
        #expect(user.firstExtra("arn") == "arn:aws:sts::111122223333:assumed-role/Admin/jdoe@corp.example")
        #expect(user.extra.count == 3)
    }

    @Test func emptyObjectHasEmptyUsername() throws {
        #expect(try decode("{}") == UserInfo(username: ""))
    }

    @Test func escapesAreDecoded() throws {
        let user = try decode(#"{"username":"a\u0026b","extra":{"k\/1":["\u003cv\u003e"]}}"#)
        #expect(user.username == "a&b")
        #expect(user.extra == ["k/1": ["<v>"]])
    }

    @Test func nullMembersAreEmpty() throws {
        let user = try decode(#"{"username":null,"uid":null,"groups":null,"extra":{"k":null}}"#)
        #expect(user == UserInfo(username: "", extra: ["k": []]))
    }

    @Test func unknownKeysAreSkipped() throws {
        #expect(try decode(#"{"x":{"y":[1]},"username":"bob"}"#).username == "bob")
    }

    @Test func wrongTypeThrows() {
        #expect(throws: AuditEventScanError.self) { try decode(#"{"groups":"dev"}"#) }
    }

    @Test func invalidJSONThrows() {
        #expect(throws: AuditEventScanError.self) { try decode(#"{"username":"bob""#) }
    }
}
