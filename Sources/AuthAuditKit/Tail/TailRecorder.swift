/// Stores the lines `authaudit tail` reads, through the same writers as `ingest`, and returns the requests
/// that each line completed.
///
/// A request is returned when the event just stored is the first of its `auditID` with a response code:
/// ResponseStarted, ResponseComplete or Panic. A policy that omits RequestReceived (`omitStages`) still
/// logs ResponseComplete with its code. The check is made against the store, not against memory, so a request is returned
/// once even across restarts and files, and requests that `ingest` stored earlier are not returned again.
/// A request seen only at RequestReceived is stored and not returned. An authenticator `access denied`
/// line is returned the first time it is stored.
///
/// The caller opens and commits the batch around `record`, together with the checkpoints.
final class TailRecorder {
    /// One input: a followed file (by device and inode) or standard input.
    struct Origin {
        var key: Key
        var path: String

        struct Key: Hashable {
            var device: UInt64
            var inode: UInt64

            static let standardInput = Key(device: .max, inode: .max)
        }
    }

    private let store: AuditStore
    private let lookup: TailIdentityLookup
    private let clusterID: Int64?
    private let hasResponse: SQLiteStatement
    private var auditIDBuffer = [UInt8](repeating: 0, count: 256)
    private var kinds: [Origin.Key: TailLineKind] = [:]
    private var sourceIDs: [Origin.Key: Int64] = [:]
    /// Lines that could not be read as their input's kind, for the summary on standard error.
    private(set) var skippedLines = 0
    private var reportedUnknown: Set<Origin.Key> = []
    /// Paths whose lines are neither audit events nor authenticator lines, once each; see `takeUnknownInputs`.
    private var unknownInputs: [String] = []

    /// Returns and clears the paths found since the last call whose lines are of no kind tail reads.
    func takeUnknownInputs() -> [String] {
        defer { unknownInputs.removeAll() }
        return unknownInputs
    }

    init(store: AuditStore, lookup: TailIdentityLookup, clusterID: Int64?) throws {
        self.store = store
        self.lookup = lookup
        self.clusterID = clusterID
        hasResponse = try store.connection.prepare(
            "SELECT code IS NOT NULL FROM requests WHERE audit_id = ?", persistent: true)
    }

    /// Stores one line and returns the requests it completed.
    func record(_ line: [UInt8], from origin: Origin) throws -> [TailRequest] {
        guard !line.withUnsafeBytes({ ScannedBatch.isBlank($0) }) else { return [] }
        let kind = kinds[origin.key] ?? TailLineKind.detect(line)
        if kind == .unknown {
            // The kind is detected again on the next line, so one stray first line does not decide it.
            skippedLines += 1
            if reportedUnknown.insert(origin.key).inserted {
                unknownInputs.append(origin.path)
            }
            return []
        }
        kinds[origin.key] = kind
        let sourceID = try sourceID(origin, kind: kind)
        switch kind {
        case .auditEvents:
            return try recordAuditEvents(line, sourceID: sourceID, path: origin.path)
        case .authenticatorLog:
            return try recordAuthenticatorLine(line, sourceID: sourceID, path: origin.path)
        case .cloudWatchTail:
            return try recordCloudWatchLine(line, sourceID: sourceID, path: origin.path)
        case .unknown:
            return []
        }
    }

    private func sourceID(_ origin: Origin, kind: TailLineKind) throws -> Int64 {
        if let id = sourceIDs[origin.key] {
            return id
        }
        let id = try store.beginSource(path: origin.path, kind: kind.inputKind, size: nil, fingerprint: nil)
        sourceIDs[origin.key] = id
        return id
    }

    /// Reads the messages of one `aws logs tail` text line. Each line is decoded on its own, so the
    /// message is stored at once rather than when the next line arrives.
    ///
    /// NOTE: a message spread over several lines (`aws logs tail --format json` pretty-prints JSON) is
    /// not joined; only the default single-line text output is read.
    private func recordCloudWatchLine(_ line: [UInt8], sourceID: Int64, path: String) throws -> [TailRequest] {
        let decoder = EnvelopeDecoder(kind: .tailText, source: path)
        let messages = decoder.decode(line + [0x0A]) + decoder.finish()
        skippedLines += decoder.takeDiagnostics().filter { $0.severity == .error }.count
        var requests: [TailRequest] = []
        for message in messages {
            switch message.logStream.map(LogStreamKind.init(streamName:)) {
            case .other:
                continue
            case .authenticator:
                requests += try recordAuthenticatorLine(message.message, sourceID: sourceID, path: path)
            case .audit:
                requests += try recordAuditEvents(message.message, sourceID: sourceID, path: path)
            case nil:
                if message.message.first == 0x7B {  // {
                    requests += try recordAuditEvents(message.message, sourceID: sourceID, path: path)
                } else {
                    requests += try recordAuthenticatorLine(message.message, sourceID: sourceID, path: path)
                }
            }
        }
        return requests
    }

    private func recordAuditEvents(_ line: [UInt8], sourceID: Int64, path: String) throws -> [TailRequest] {
        var requests: [TailRequest] = []
        do {
            try line.withUnsafeBytes { bytes in
                try AuditEventScanner.scan(line: bytes) { event in
                    guard let auditID = event.auditID, auditID.count > 0 else {
                        skippedLines += 1
                        return
                    }
                    // Only an event with a code can complete a request, so only then is the store asked.
                    let completes = try event.responseCode != nil && !hasStoredResponse(event.bytes(auditID))
                    try store.write(event, sourceID: sourceID, clusterID: clusterID)
                    if event.hasBodies {
                        _ = try AwsAuthUpdateCapture.capture(event, sourceID: sourceID, store: store)
                    }
                    if completes {
                        requests.append(request(from: event, path: path))
                    }
                }
            }
        } catch is AuditEventScanError {
            skippedLines += 1
        }
        return requests
    }

    private func recordAuthenticatorLine(_ line: [UInt8], sourceID: Int64, path: String) throws -> [TailRequest] {
        let record: AuthenticatorRecord
        do {
            guard let parsed = try line.withUnsafeBytes({ try AuthenticatorLineParser.parse($0) }) else { return [] }
            record = parsed
        } catch is AuthenticatorLineError {
            skippedLines += 1
            return []
        }
        try line.withUnsafeBytes { try store.write(record, line: $0, sourceID: sourceID) }
        guard record.message == .accessDenied, store.connection.changes > 0 else { return [] }
        return [
            TailRequest(
                time: record.time, username: record.username, groups: record.groups ?? [], iamPrincipal: record.arn,
                outcome: .authenticationFailed, source: path)
        ]
    }

    /// Returns whether the store has a response code for this audit ID already.
    private func hasStoredResponse(_ auditID: UnsafeRawBufferPointer) throws -> Bool {
        hasResponse.reset()
        defer { hasResponse.reset() }
        let length = auditIDBuffer.withUnsafeMutableBytes { AuditIDEncoding.encode(auditID, into: $0) }
        auditIDBuffer.withUnsafeBytes { hasResponse.bindBlob(UnsafeRawBufferPointer(rebasing: $0[0..<length]), at: 1) }
        guard try hasResponse.step() else { return false }
        return hasResponse.int64(at: 0) == 1
    }

    private func request(from event: AuditEventView, path: String) -> TailRequest {
        let time = event.stageTimestamp ?? event.requestTime
        var request = TailRequest(
            time: time, auditID: event.string(event.auditID), verb: event.string(event.verb),
            namespace: event.string(event.objectNamespace), name: event.string(event.objectName),
            code: event.responseCode, outcome: TailRequest.Outcome(code: event.responseCode), source: path)
        if let resource = event.string(event.objectResource) {
            let subresource = event.string(event.objectSubresource) ?? ""
            request.resource = subresource.isEmpty ? resource : resource + "/" + subresource
        } else {
            request.resource = event.string(event.requestURI)
        }
        if let range = event.user {
            let userBytes = Array(event.bytes(range))
            if let user = try? userBytes.withUnsafeBytes({ try UserInfoDecoder.decode($0) }) {
                let resolved = lookup.resolve(user, userBytes: userBytes, at: time)
                request.username = user.username
                request.groups = user.groups + resolved.groups
                request.person = resolved.chain.value(.person)
                request.iamPrincipal = resolved.chain.value(.iamRole) ?? resolved.chain.value(.iamUser)
            }
        }
        return request
    }
}
