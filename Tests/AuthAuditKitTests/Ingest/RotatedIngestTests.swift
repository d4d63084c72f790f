import Foundation
import Testing

@testable import AuthAuditKit

/// Ingests of several audit log files in one run, where each next file's reader starts while the
/// previous file is written.
@Suite struct RotatedIngestTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func line(_ number: Int, stage: String, code: Int?) -> Data {
        var event = AuditEventLine(auditID: AuditEventLine.auditID(number))
        event.stage = stage
        event.code = code
        return event.data
    }

    private func write(_ name: String, _ lines: [Data], gzip: Bool = false) throws -> String {
        let data = lines.reduce(Data(), +)
        let path = directory.path(name)
        try (gzip ? GzipTool.compress(data) : data).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func ingest(_ paths: [String], store: AuditStore) throws -> IngestSummary {
        try Ingester(store: store, options: IngestOptions(), observer: nil).run(arguments: paths)
    }

    private func stages(of number: Int, in store: AuditStore) throws -> Int64? {
        let statement = try store.connection.prepare("SELECT stages FROM requests WHERE audit_id = ?")
        let id = AuditEventLine.auditID(number)
        let bytes = Array(id.utf8)
        var encoded = [UInt8](repeating: 0, count: 36)
        let length = bytes.withUnsafeBytes { text in
            encoded.withUnsafeMutableBytes { AuditIDEncoding.encode(text, into: $0) }
        }
        encoded.withUnsafeBytes { statement.bindBlob(UnsafeRawBufferPointer(rebasing: $0[0..<length]), at: 1) }
        return try statement.step() ? statement.int64(at: 0) : nil
    }

    @Test func stagesMergeAcrossBatchesAndFiles() throws {
        // 3,000 requests of about 800-byte lines fill several 1 MiB batches in each of two files.
        // Each ResponseComplete follows its RequestReceived three requests later, so some pairs
        // span a batch boundary and three span the two files.
        let requests = 3_000
        let padding = String(repeating: "x", count: 400)
        func event(_ number: Int, stage: String) -> Data {
            var event = AuditEventLine(auditID: AuditEventLine.auditID(number))
            event.stage = stage
            event.code = stage == "RequestReceived" ? nil : (number % 7 == 0 ? 403 : 200)
            event.userAgentSuffix = padding
            return event.data
        }
        var lines: [Data] = []
        for number in 1...(requests + 3) {
            if number <= requests { lines.append(event(number, stage: "RequestReceived")) }
            if number > 3 { lines.append(event(number - 3, stage: "ResponseComplete")) }
        }
        let half = lines.count / 2
        let first = try write("audit-1.log.gz", Array(lines[..<half]), gzip: true)
        let second = try write("audit.log", Array(lines[half...]))
        let store = try AuditStore(path: directory.path("store.db"))

        let summary = try ingest([first, second], store: store)

        #expect(summary.auditEvents == 2 * requests)
        #expect(summary.after.requests == requests)
        #expect(summary.after.forbidden == requests / 7)
        let incomplete = try store.connection.scalarInteger("SELECT count(*) FROM requests WHERE stages <> 5")
        #expect(incomplete == 0)
    }

    @Test func stagesMergeAcrossFiles() throws {
        // Requests 1 and 2 start in the first file and end in the second; 3 ends in the third.
        let first = try write(
            "audit-1.log.gz",
            [line(1, stage: "RequestReceived", code: nil), line(2, stage: "RequestReceived", code: nil)], gzip: true)
        let second = try write(
            "audit-2.log.gz",
            [line(1, stage: "ResponseComplete", code: 403), line(3, stage: "RequestReceived", code: nil),
             line(2, stage: "ResponseComplete", code: 200)], gzip: true)
        let third = try write("audit.log", [line(3, stage: "ResponseComplete", code: 403)])
        let store = try AuditStore(path: directory.path("store.db"))
        let summary = try ingest([first, second, third], store: store)
        #expect(summary.after.requests == 3)
        #expect(summary.after.forbidden == 2)
        #expect(summary.auditEvents == 6)
        #expect(try stages(of: 1, in: store) == 5)
        #expect(try stages(of: 3, in: store) == 5)
    }

    @Test func otherKindBetweenLogs() throws {
        let first = try write("audit-1.log", [line(1, stage: "ResponseComplete", code: 200)])
        let mapping = try write(
            "aws-auth.yaml",
            [Data("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws-auth\n  namespace: kube-system\ndata:\n  mapRoles: |\n    - rolearn: arn:aws:iam::111122223333:role/Dev\n      username: dev:{{SessionName}}\n".utf8)])
        let second = try write("audit-2.log.gz", [line(2, stage: "ResponseComplete", code: 403)], gzip: true)
        let store = try AuditStore(path: directory.path("store.db"))
        let summary = try ingest([first, mapping, second], store: store)
        #expect(summary.inputsRead == 3)
        #expect(summary.after.requests == 2)
        #expect(summary.after.forbidden == 1)
    }

    @Test func copyAfterOriginalIsUnchanged() throws {
        // A byte-identical copy has the original's fingerprint. Its reader starts before the
        // original is complete, so the check must be made again when its turn comes.
        let original = try write("audit-1.log", [line(1, stage: "ResponseComplete", code: 200)])
        let copy = directory.path("audit-copy.log")
        try FileManager.default.copyItem(atPath: original, toPath: copy)
        let store = try AuditStore(path: directory.path("store.db"))
        let summary = try ingest([original, copy], store: store)
        #expect(summary.inputsRead == 1)
        #expect(summary.inputsUnchanged == 1)
        #expect(summary.auditEvents == 1)
    }
}
