import Foundation
import Testing

@testable import AuthAuditKit

/// The decoded fields of one `AuditEventView`, copied out of the scan closure so tests can
/// compare them after the buffer is gone.
struct ScannedEvent {
    var kind: String?
    var apiVersion: String?
    var level: String?
    var auditID: String?
    var stage: String?
    var requestURI: String?
    var requestURIHasEscapes = false
    var verb: String?
    var userAgent: String?
    var sourceIP: String?
    var user: UserInfo?
    var impersonatedUser: UserInfo?
    var objectResource: String?
    var objectSubresource: String?
    var objectNamespace: String?
    var objectName: String?
    var objectAPIGroup: String?
    var objectAPIVersion: String?
    var responseCode: Int?
    var responseStatus: String?
    var responseReason: String?
    var responseMessage: String?
    var authorizationDecision: String?
    var authorizationReason: String?
    var requestReceivedTimestamp: Timestamp?
    var stageTimestamp: Timestamp?
    var legacyTimestamp: Timestamp?
    var creationTimestamp: Timestamp?
    var hasBodies = false
    var lineCount = 0

    init(_ view: AuditEventView) throws {
        kind = view.string(view.kind)
        apiVersion = view.string(view.apiVersion)
        level = view.string(view.level)
        auditID = view.string(view.auditID)
        stage = view.string(view.stage)
        requestURI = view.string(view.requestURI)
        requestURIHasEscapes = view.requestURI?.hasEscapes ?? false
        verb = view.string(view.verb)
        userAgent = view.string(view.userAgent)
        sourceIP = view.string(view.sourceIP)
        user = try view.user.map { try UserInfoDecoder.decode(view.bytes($0)) }
        impersonatedUser = try view.impersonatedUser.map { try UserInfoDecoder.decode(view.bytes($0)) }
        objectResource = view.string(view.objectResource)
        objectSubresource = view.string(view.objectSubresource)
        objectNamespace = view.string(view.objectNamespace)
        objectName = view.string(view.objectName)
        objectAPIGroup = view.string(view.objectAPIGroup)
        objectAPIVersion = view.string(view.objectAPIVersion)
        responseCode = view.responseCode
        responseStatus = view.string(view.responseStatus)
        responseReason = view.string(view.responseReason)
        responseMessage = view.string(view.responseMessage)
        authorizationDecision = view.string(view.authorizationDecision)
        authorizationReason = view.string(view.authorizationReason)
        requestReceivedTimestamp = view.requestReceivedTimestamp
        stageTimestamp = view.stageTimestamp
        legacyTimestamp = view.legacyTimestamp
        creationTimestamp = view.creationTimestamp
        hasBodies = view.hasBodies
        lineCount = view.line.count
    }

    /// Scans one line and returns every event it holds.
    static func scan(_ line: [UInt8]) throws -> [ScannedEvent] {
        var events: [ScannedEvent] = []
        try line.withUnsafeBytes { bytes in
            try AuditEventScanner.scan(line: bytes) { events.append(try ScannedEvent($0)) }
        }
        return events
    }

    static func scan(_ line: String) throws -> [ScannedEvent] {
        try scan(Array(line.utf8))
    }

    /// The non-blank lines of a fixture file.
    static func lines(ofFixture relative: String) throws -> [[UInt8]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(relative)))
        return data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { Array($0) }
    }

    /// The error a scan of `line` throws, or nil when it succeeds.
    static func scanError(_ line: [UInt8]) -> AuditEventScanError? {
        do {
            _ = try scan(line)
            return nil
        } catch let error as AuditEventScanError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    static func scanError(_ line: String) -> AuditEventScanError? {
        scanError(Array(line.utf8))
    }
}

/// Parses a timestamp that the test itself writes, so a typo fails loudly.
func timestamp(_ text: String) -> Timestamp {
    guard let parsed = TimestampParser.parse(text) else {
        fatalError("test timestamp \(text) does not parse")
    }
    return parsed
}
