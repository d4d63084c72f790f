import Testing

@testable import AuthAuditKit

@Suite struct AuditEventScannerTests {
    static let fullV1Event = #"""
        {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse",\#
        "auditID":"7e0cbccf-8d8a-4f6f-a3b3-1b4b7d1d2a10","stage":"ResponseComplete",\#
        "requestURI":"/api/v1/namespaces/team-a/pods/web-0/exec?command=sh\u0026stdin=true",\#
        "verb":"create","user":{"username":"alice","uid":"aws-iam-authenticator:111122223333:AROAEXAMPLE",\#
        "groups":["dev","system:authenticated"],"extra":{"sessionName":["alice@example.com"],"empty":[]}},\#
        "impersonatedUser":{"username":"bob","groups":["viewers"]},\#
        "sourceIPs":["10.0.0.1","10.0.0.2"],"userAgent":"kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b",\#
        "objectRef":{"resource":"pods","namespace":"team-a","name":"web-0","uid":"u-1","apiGroup":"apps",\#
        "apiVersion":"v1","resourceVersion":"42","subresource":"exec"},\#
        "responseStatus":{"metadata":{},"status":"Failure","message":"pods \"web-0\" is forbidden",\#
        "reason":"Forbidden","details":{"name":"web-0","kind":"pods"},"code":403},\#
        "requestObject":{"spec":[1,-2.5e3,true,false,null,{"deep":{"er":["x"]}}]},\#
        "responseObject":{"kind":"Status"},\#
        "requestReceivedTimestamp":"2024-08-24T14:27:07.461683Z","stageTimestamp":"2024-08-24T14:27:07.470001Z",\#
        "annotations":{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":"no grant",\#
        "pod-security.kubernetes.io/enforce-policy":"restricted:latest"}}
        """#

    @Test func everyFieldOfV1Event() throws {
        let events = try ScannedEvent.scan(Self.fullV1Event)
        try #require(events.count == 1)
        let event = events[0]
        #expect(event.kind == "Event")
        #expect(event.apiVersion == "audit.k8s.io/v1")
        #expect(event.level == "RequestResponse")
        #expect(event.auditID == "7e0cbccf-8d8a-4f6f-a3b3-1b4b7d1d2a10")
        #expect(event.stage == "ResponseComplete")
        #expect(event.requestURI == "/api/v1/namespaces/team-a/pods/web-0/exec?command=sh&stdin=true")
        #expect(event.requestURIHasEscapes)
        #expect(event.verb == "create")
        #expect(event.userAgent == "kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b")
        #expect(event.sourceIP == "10.0.0.1")
        #expect(event.user?.username == "alice")
        #expect(event.user?.uid == "aws-iam-authenticator:111122223333:AROAEXAMPLE")
        #expect(event.user?.groups == ["dev", "system:authenticated"])
        #expect(event.user?.extra == ["sessionName": ["alice@example.com"], "empty": []])
        #expect(event.impersonatedUser == UserInfo(username: "bob", groups: ["viewers"]))
        #expect(event.objectResource == "pods")
        #expect(event.objectSubresource == "exec")
        #expect(event.objectNamespace == "team-a")
        #expect(event.objectName == "web-0")
        #expect(event.objectAPIGroup == "apps")
        #expect(event.objectAPIVersion == "v1")
        #expect(event.responseCode == 403)
        #expect(event.responseStatus == "Failure")
        #expect(event.responseReason == "Forbidden")
        #expect(event.responseMessage == #"pods "web-0" is forbidden"#)
        #expect(event.authorizationDecision == "forbid")
        #expect(event.authorizationReason == "no grant")
        #expect(event.requestReceivedTimestamp == Timestamp(microseconds: 1_724_509_627_461_683))
        #expect(event.stageTimestamp == Timestamp(microseconds: 1_724_509_627_470_001))
        #expect(event.legacyTimestamp == nil)
        #expect(event.creationTimestamp == nil)
        #expect(event.hasBodies)
    }

    @Test func v1beta1EventFromAudit2rbac() throws {
        let lines = try ScannedEvent.lines(ofFixture: "corpus/audit2rbac/demo-v1beta1.log")
        let event = try #require(try ScannedEvent.scan(lines[0]).first)
        #expect(event.apiVersion == "audit.k8s.io/v1beta1")
        #expect(event.auditID == "033d17af-082d-4b24-aa22-627752e83d71")
        #expect(event.verb == "list")
        #expect(event.user?.username == "system:admin")
        #expect(event.user?.groups == ["system:masters", "system:authenticated"])
        #expect(event.impersonatedUser?.username == "bob")
        #expect(event.sourceIP == "::1")
        #expect(event.objectResource == "pods")
        #expect(event.objectNamespace == "default")
        #expect(event.responseCode == 403)
        #expect(event.responseMessage == #"pods is forbidden: User "bob" cannot list pods in the namespace "default""#)
        #expect(event.legacyTimestamp == timestamp("2017-09-11T19:55:05Z"))
        #expect(event.creationTimestamp == timestamp("2017-09-11T19:55:05Z"))
        #expect(event.requestReceivedTimestamp == nil)
        #expect(event.hasBodies == false)
    }

    @Test func missingOptionalFieldsStayNil() throws {
        let event = try #require(try ScannedEvent.scan(#"{"auditID":"x"}"#).first)
        #expect(event.auditID == "x")
        #expect(event.kind == nil)
        #expect(event.verb == nil)
        #expect(event.user == nil)
        #expect(event.sourceIP == nil)
        #expect(event.responseCode == nil)
        #expect(event.requestReceivedTimestamp == nil)
    }

    @Test func nullValuesAreAbsent() throws {
        let line = #"""
            {"auditID":"x","verb":null,"user":null,"sourceIPs":null,"objectRef":null,"responseStatus":{"code":null},\#
            "requestObject":null,"stageTimestamp":null,"requestReceivedTimestamp":"","annotations":null,"metadata":null}
            """#
        let event = try #require(try ScannedEvent.scan(line).first)
        #expect(event.verb == nil)
        #expect(event.user == nil)
        #expect(event.sourceIP == nil)
        #expect(event.objectResource == nil)
        #expect(event.responseCode == nil)
        #expect(event.stageTimestamp == nil)
        #expect(event.requestReceivedTimestamp == nil)
        #expect(event.hasBodies == false)
    }

    @Test func whitespaceAndKeyOrderDoNotMatter() throws {
        let line = #"  { "verb" : "get" ,"responseStatus": { "code" : 200 } , "auditID" :"a" , "kind":"Event" }  "#
        let event = try #require(try ScannedEvent.scan(line).first)
        #expect(event.verb == "get")
        #expect(event.responseCode == 200)
        #expect(event.auditID == "a")
    }

    @Test func escapedKeyStillMatches() throws {
        let event = try #require(try ScannedEvent.scan(#"{"\u0061uditID":"a","v\u0065rb":"get"}"#).first)
        #expect(event.auditID == "a")
        #expect(event.verb == "get")
    }

    @Test func emptyUserOfFailedAuthentication() throws {
        let line = #"{"auditID":"a","stage":"ResponseStarted","user":{},"responseStatus":{"code":401}}"#
        let event = try #require(try ScannedEvent.scan(line).first)
        #expect(event.user == UserInfo(username: ""))
        #expect(event.responseCode == 401)
    }

    @Test func eventListCallsBodyPerItem() throws {
        let line = #"""
            {"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[\#
            {"kind":"Event","auditID":"one","verb":"get","responseStatus":{"code":200}},\#
            {"kind":"Event","auditID":"two","verb":"list","user":{"username":"carol"}},\#
            {"kind":"Event","auditID":"three","verb":"watch","stage":"ResponseStarted"}]}
            """#
        let events = try ScannedEvent.scan(line)
        #expect(events.map(\.auditID) == ["one", "two", "three"])
        #expect(events.map(\.verb) == ["get", "list", "watch"])
        #expect(events[1].user?.username == "carol")
        #expect(events.allSatisfy { $0.lineCount == line.utf8.count })
    }

    @Test func eventListWithKindAfterItems() throws {
        let line = #"{"items":[{"auditID":"a"},{"auditID":"b"}],"kind":"EventList"}"#
        #expect(try ScannedEvent.scan(line).map(\.auditID) == ["a", "b"])
    }

    @Test func eventListItemWithoutAuditIDThrows() {
        let line = #"{"kind":"EventList","items":[{"auditID":"a"},{"verb":"get"}]}"#
        guard case .invalidEvent(.missingAuditID, _, let itemIndex) = ScannedEvent.scanError(line) else {
            Issue.record("expected missingAuditID")
            return
        }
        #expect(itemIndex == 1)
    }

    @Test func emptyEventListCallsNothing() throws {
        #expect(try ScannedEvent.scan(#"{"kind":"EventList","items":[]}"#).isEmpty)
    }

    @Test func invalidUTF8IsKeptAndReplaced() throws {
        var line = Array(#"{"auditID":"a","userAgent":"curl/"#.utf8)
        line += [0xFF, 0xC3]
        line += Array(#"x"}"#.utf8)
        let event = try #require(try ScannedEvent.scan(line).first)
        #expect(event.userAgent == "curl/\u{FFFD}\u{FFFD}x")
    }

    @Test func controlCharacterInStringThrows() {
        let line = "{\"auditID\":\"a\",\"verb\":\"ge\tt\"}"
        let tabOffset = Array(line.utf8).firstIndex(of: 0x09)!
        let expected = JSONSyntaxError(offset: tabOffset, expected: .closingQuote, found: 0x09)
        #expect(ScannedEvent.scanError(line) == .invalidJSON(expected))
    }

    @Test(arguments: [
        (#"{"kind": 0}"#, AuditEventDefect.unexpectedType(field: "kind", expected: .string)),
        (#"{"verb":"get"}"#, .missingAuditID),
        (#"{"auditID":"a","responseStatus":{"code":"403"}}"#,
         .unexpectedType(field: "responseStatus.code", expected: .integer)),
        (#"{"auditID":"a","sourceIPs":"10.0.0.1"}"#, .unexpectedType(field: "sourceIPs", expected: .array)),
        (#"{"auditID":"a","user":"alice"}"#, .unexpectedType(field: "user", expected: .object)),
        (#"{"auditID":"a","stageTimestamp":"yesterday"}"#, .invalidTimestamp(field: "stageTimestamp")),
        (#"[{"auditID":"a"}]"#, .notAnObject),
    ])
    func invalidEventThrows(line: String, defect: AuditEventDefect) {
        guard case .invalidEvent(let found, _, _) = ScannedEvent.scanError(line) else {
            Issue.record("expected an invalid event error")
            return
        }
        #expect(found == defect)
    }

    @Test(arguments: [
        (#"{"auditID":"a",}"#, JSONExpectation.objectKey, 15),
        (#"{"auditID" "a"}"#, .colon, 11),
        (#"{"auditID":"a" "verb":"get"}"#, .commaOrClosingBrace, 15),
        (#"{"auditID":"a","x":[1 2]}"#, .commaOrClosingBracket, 22),
        (#"{"auditID":"a","x":01}"#, .commaOrClosingBrace, 20),
        (#"{"auditID":"a","x":-}"#, .digit, 20),
        (#"{"auditID":"a","x":1.}"#, .digit, 21),
        (#"{"auditID":"a","x":tru}"#, .literal("true"), 22),
        (#"{"auditID":"a","x":"\q"}"#, .escapeCharacter, 21),
        (#"{"auditID":"a","x":"\u12G4"}"#, .hexDigit, 24),
        (#"{"auditID":"a","x":'a'}"#, .value, 19),
        (#"{"auditID":"a"} x"#, .endOfInput, 16),
        (#"{"auditID":"a","responseStatus":{"code":2.5}}"#, .integer, 40),
        ("", .value, 0),
    ])
    func syntaxErrorNamesOffsetAndExpectation(line: String, expected: JSONExpectation, offset: Int) {
        guard case .invalidJSON(let error) = ScannedEvent.scanError(line) else {
            Issue.record("expected invalid JSON")
            return
        }
        #expect(error.expected == expected)
        #expect(error.offset == offset)
    }

    @Test func syntaxErrorBecomesInputProblem() {
        let error = AuditEventScanError.invalidJSON(JSONSyntaxError(offset: 11, expected: .colon, found: 0x20))
        let message = "expected ':' after the object key, found byte 0x20"
        #expect(error.inputProblem == .invalidJSON(column: 12, message: message))
    }

    @Test func truncationAtEveryByteThrows() throws {
        let lines = try ScannedEvent.lines(ofFixture: "corpus/audit2rbac/demo-v1beta1.log")
        for line in [lines[0], Array(Self.fullV1Event.utf8)] {
            for length in 0..<line.count {
                let error = ScannedEvent.scanError(Array(line[0..<length]))
                guard case .invalidJSON(let syntax) = error else {
                    Issue.record("prefix of \(length) bytes gave \(String(describing: error))")
                    continue
                }
                #expect(syntax.found == nil, "prefix of \(length) bytes")
            }
        }
    }

    @Test func nestingBeyondLimitThrows() {
        let depth = JSONCursor.maximumDepth + 10
        let line = #"{"auditID":"a","requestObject":"# + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "}"
        guard case .invalidJSON(let error) = ScannedEvent.scanError(line) else {
            Issue.record("expected invalid JSON")
            return
        }
        #expect(error.expected == .nestingDepth(maximum: JSONCursor.maximumDepth))
    }

    @Test func nestingWithinLimitScans() throws {
        let depth = JSONCursor.maximumDepth - 1
        let line = #"{"auditID":"a","requestObject":"# + String(repeating: #"{"a":"#, count: depth - 1) + "[]"
            + String(repeating: "}", count: depth - 1) + "}"
        #expect(try ScannedEvent.scan(line).first?.hasBodies == true)
    }

    @Test func largeBodiesAreSkipped() throws {
        let twoMebibytes = 2 << 20
        let longString = String(repeating: "ab\\\"cd efgh ", count: twoMebibytes / 12)
        let manyKeys = (0..<20_000).map { #""key\#($0)":{"v":[\#($0),"x"]}"# }.joined(separator: ",")
        let line = #"{"auditID":"a","requestObject":{"data":"\#(longString)"},"responseObject":{\#(manyKeys)},"#
            + #""verb":"update","responseStatus":{"code":200}}"#
        let event = try #require(try ScannedEvent.scan(line).first)
        #expect(event.hasBodies)
        #expect(event.verb == "update")
        #expect(event.responseCode == 200)
    }
}
