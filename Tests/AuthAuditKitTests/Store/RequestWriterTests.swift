import Testing

@testable import AuthAuditKit

/// Builds one audit event line with the fields the store reads.
private func eventLine(
    id: String = "6ac8d635-e174-4184-a606-fa6d03957c2c", stage: String, code: Int? = nil,
    user: String = #"{"username":"devuser-1","groups":["dev","system:authenticated"]}"#,
    impersonated: String? = nil, received: String? = "2025-03-18T14:06:59.733408Z",
    legacyTimestamp: String? = nil, stageTime: String? = nil, decision: String? = nil, message: String? = nil
) -> String {
    var fields = [
        #""kind":"Event""#, #""auditID":"\#(id)""#, #""stage":"\#(stage)""#, #""verb":"list""#,
        #""requestURI":"/api/v1/namespaces/default/pods""#, #""user":\#(user)"#,
        #""objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"}"#,
    ]
    if let impersonated { fields.append(#""impersonatedUser":\#(impersonated)"#) }
    if let received { fields.append(#""requestReceivedTimestamp":"\#(received)""#) }
    if let legacyTimestamp { fields.append(#""timestamp":"\#(legacyTimestamp)""#) }
    if let stageTime { fields.append(#""stageTimestamp":"\#(stageTime)""#) }
    if let code {
        var status = #""code":\#(code)"#
        if let message { status += #","message":"\#(message)""# }
        fields.append(#""responseStatus":{\#(status)}"#)
    }
    if let decision { fields.append(#""annotations":{"authorization.k8s.io/decision":"\#(decision)"}"#) }
    return "{" + fields.joined(separator: ",") + "}"
}

@Suite struct RequestWriterTests {
    let store: AuditStore
    let sourceID: Int64

    init() throws {
        store = try AuditStore(path: ":memory:")
        sourceID = try store.beginSource(path: "test", kind: "audit-event-lines", size: nil, fingerprint: nil)
    }

    private func write(_ lines: String...) throws {
        for line in lines {
            let bytes = Array(line.utf8)
            try bytes.withUnsafeBytes { buffer in
                try AuditEventScanner.scan(line: buffer) { try store.write($0, sourceID: sourceID) }
            }
        }
    }

    private func integer(_ sql: String) throws -> Int64? {
        try store.connection.scalarInteger(sql)
    }

    private func text(_ sql: String) throws -> String? {
        let statement = try store.connection.prepare(sql)
        return try statement.step() ? statement.text(at: 0) : nil
    }

    @Test func escapedMessagesDecodedOnce() throws {
        // The same escaped message twice shares one row; another escaped message gets its own.
        let quoted = #"pods is forbidden: User \"dev\" cannot list"#
        let other = #"pods is forbidden: User \"ops\" cannot list"#
        try write(
            eventLine(id: "6ac8d635-e174-4184-a606-fa6d03957c21", stage: "ResponseComplete", code: 403, message: quoted),
            eventLine(id: "6ac8d635-e174-4184-a606-fa6d03957c22", stage: "ResponseComplete", code: 403, message: quoted),
            eventLine(id: "6ac8d635-e174-4184-a606-fa6d03957c23", stage: "ResponseComplete", code: 403, message: other))
        #expect(try integer("SELECT count(DISTINCT message_id) FROM requests") == 2)
        #expect(try text("SELECT value FROM texts ORDER BY id LIMIT 1") == #"pods is forbidden: User "dev" cannot list"#)
        #expect(try text("SELECT value FROM texts ORDER BY id DESC LIMIT 1") == #"pods is forbidden: User "ops" cannot list"#)
    }

    @Test(arguments: [("Metadata", "M"), ("RequestResponse", "R"), ("Request", "Q"), ("None", "N"), ("Odd", "Odd")])
    func levelStoredAsCodeShownByName(level: String, stored: String) throws {
        let line = eventLine(stage: "ResponseComplete", code: 200).dropLast() + #","level":"\#(level)"}"#
        try write(String(line))
        #expect(try text("SELECT level FROM requests") == stored)
        #expect(try text("SELECT level FROM request_facts") == level)
    }

    @Test func stagesMergeIntoOneRequest() throws {
        try write(eventLine(stage: "RequestReceived"), eventLine(stage: "ResponseComplete", code: 403))
        #expect(try integer("SELECT count(*) FROM requests") == 1)
        #expect(try integer("SELECT code FROM requests") == 403)
        #expect(try integer("SELECT stages FROM requests") == 5)
    }

    @Test func laterStageCodeWinsInAnyOrder() throws {
        try write(eventLine(stage: "ResponseComplete", code: 200), eventLine(stage: "ResponseStarted", code: 101))
        #expect(try integer("SELECT code FROM requests") == 200)
        #expect(try integer("SELECT stages FROM requests") == 6)
    }

    @Test func responseCompleteReplacesResponseStarted() throws {
        try write(eventLine(stage: "ResponseStarted", code: 101), eventLine(stage: "ResponseComplete", code: 200))
        #expect(try integer("SELECT code FROM requests") == 200)
    }

    @Test func requestWithoutCodeIsUnknown() throws {
        try write(eventLine(stage: "RequestReceived"))
        #expect(try integer("SELECT count(*) FROM requests WHERE code IS NULL") == 1)
    }

    @Test func sameEventTwiceAddsNothing() throws {
        let line = eventLine(stage: "ResponseComplete", code: 403, message: "pods is forbidden")
        try write(line)
        try write(line)
        #expect(try integer("SELECT count(*) FROM requests") == 1)
        #expect(try integer("SELECT count(*) FROM identities") == 1)
        #expect(try integer("SELECT count(*) FROM texts") == 1)
    }

    @Test func unauthorizedHasNoIdentity() throws {
        try write(eventLine(stage: "ResponseStarted", code: 401, user: "{}"))
        #expect(try integer("SELECT count(*) FROM requests WHERE identity_id IS NULL AND code = 401") == 1)
        #expect(try integer("SELECT count(*) FROM identities") == 0)
    }

    @Test func impersonatedUserIsEffective() throws {
        try write(
            eventLine(
                stage: "ResponseComplete", code: 403, user: #"{"username":"system:admin"}"#,
                impersonated: #"{"username":"bob"}"#))
        #expect(try text("SELECT effective_username FROM request_facts") == "bob")
        #expect(try text("SELECT username FROM request_facts") == "system:admin")
    }

    @Test func legacyTimestampIsRequestTime() throws {
        try write(eventLine(stage: "ResponseComplete", code: 200, received: nil, legacyTimestamp: "2017-09-11T19:55:05Z"))
        #expect(try integer("SELECT received_at FROM requests") == 1_505_159_705_000_000)
    }

    @Test func sameAuditIDReceivedAtAnotherTimeIsAnotherRequest() throws {
        try write(
            eventLine(stage: "ResponseComplete", code: 200),
            eventLine(stage: "ResponseComplete", code: 403, received: "2025-03-18T14:07:00.000001Z"))
        #expect(try integer("SELECT count(*) FROM requests") == 2)
    }

    @Test func stageTimeKeysEventWithoutReceiveTime() throws {
        let line = eventLine(stage: "ResponseComplete", code: 200, received: nil, stageTime: "2025-03-18T14:07:01.5Z")
        try write(line)
        try write(line)
        #expect(try integer("SELECT count(*) FROM requests") == 1)
        #expect(try integer("SELECT received_at FROM requests") == 1_742_306_821_500_000)
    }

    @Test func eventWithoutAnyTimeIsRejected() throws {
        #expect(throws: AuditEventError.missingTimestamp) {
            try write(eventLine(stage: "ResponseComplete", code: 200, received: nil))
        }
        #expect(try integer("SELECT count(*) FROM requests") == 0)
    }

    @Test func decisionFromAnyStage() throws {
        try write(eventLine(stage: "ResponseComplete", code: 403, decision: "forbid"), eventLine(stage: "RequestReceived"))
        #expect(try text("SELECT decision FROM request_facts") == "forbid")
    }

    @Test func uuidAuditIDStoredCompactly() throws {
        try write(eventLine(stage: "ResponseComplete", code: 200))
        #expect(try integer("SELECT length(audit_id) FROM requests") == 16)
        SQLFunctions.register(on: store.connection)
        #expect(try text("SELECT audit_id_text(audit_id) FROM requests") == "6ac8d635-e174-4184-a606-fa6d03957c2c")
    }

    @Test func otherAuditIDStoredAsText() throws {
        try write(eventLine(id: "not-a-uuid", stage: "ResponseComplete", code: 200))
        SQLFunctions.register(on: store.connection)
        #expect(try text("SELECT audit_id_text(audit_id) FROM requests") == "not-a-uuid")
    }

    @Test func isoTimeFormatsMicroseconds() throws {
        SQLFunctions.register(on: store.connection)
        #expect(try text("SELECT iso_time(1742306819733408)") == "2025-03-18T14:06:59.733408Z")
        #expect(try text("SELECT iso_time(NULL)") == nil)
    }
}

@Suite struct AuditStageTests {
    @Test(arguments: AuditStage.allCases)
    func stageFromBytes(_ stage: AuditStage) {
        let bytes = Array(stage.name.utf8)
        #expect(bytes.withUnsafeBytes { AuditStage(bytes: $0) } == stage)
    }

    @Test(arguments: ["", "Panics", "RequestRecieved", "responseComplete", "ResponseStartedX"])
    func unknownStageBytes(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { AuditStage(bytes: $0) } == nil)
    }
}
