/// Writes audit events into `requests`, merging the stages of one request by `auditID` and
/// `requestReceivedTimestamp`.
///
/// Fields that every stage repeats (verb, user, objectRef, …) are kept from the first stage seen;
/// the response fields (code, message) come from the latest stage that has a code; the
/// authorization annotations from any stage that has them. Writing the same event twice
/// changes nothing, which is what makes re-ingesting a file or a rotated copy harmless.
final class RequestWriter {
    private let upsert: SQLiteStatement
    private let verbs: DimensionTable
    private let namespaces: DimensionTable
    private let userAgents: DimensionTable
    private let sourceIPs: DimensionTable
    private let texts: DimensionTable
    private let resources: ResourceTable
    private let identities: IdentityTable
    private var auditIDBuffer = [UInt8](repeating: 0, count: 256)

    init(connection: SQLiteConnection, usernames: DimensionTable) throws {
        verbs = try DimensionTable(connection: connection, table: "verbs", column: "name")
        namespaces = try DimensionTable(connection: connection, table: "namespaces", column: "name")
        userAgents = try DimensionTable(connection: connection, table: "user_agents", column: "value")
        sourceIPs = try DimensionTable(connection: connection, table: "source_ips", column: "value")
        texts = try DimensionTable(connection: connection, table: "texts", column: "value")
        resources = try ResourceTable(connection: connection)
        identities = try IdentityTable(connection: connection, usernames: usernames)
        let responseIsNewer = """
            excluded.code IS NOT NULL AND (requests.code IS NULL OR excluded.response_stage >= requests.response_stage)
            """
        upsert = try connection.prepare(
            """
            INSERT INTO requests (
                audit_id, received_at, completed_at, stages, response_stage, level, verb_id, identity_id,
                impersonated_identity_id, resource_id, namespace_id, object_name, request_path, code, decision,
                reason_id, message_id, source_ip_id, user_agent_id, source_id, cluster_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
            ON CONFLICT (received_at, audit_id) DO UPDATE SET
                completed_at = max(coalesce(requests.completed_at, excluded.completed_at),
                                   coalesce(excluded.completed_at, requests.completed_at)),
                stages = requests.stages | excluded.stages,
                response_stage = CASE WHEN \(responseIsNewer) THEN excluded.response_stage
                                      ELSE requests.response_stage END,
                code = CASE WHEN \(responseIsNewer) THEN excluded.code ELSE requests.code END,
                message_id = CASE WHEN \(responseIsNewer) THEN excluded.message_id ELSE requests.message_id END,
                level = coalesce(requests.level, excluded.level),
                verb_id = coalesce(requests.verb_id, excluded.verb_id),
                identity_id = coalesce(requests.identity_id, excluded.identity_id),
                impersonated_identity_id = coalesce(requests.impersonated_identity_id, excluded.impersonated_identity_id),
                resource_id = coalesce(requests.resource_id, excluded.resource_id),
                namespace_id = coalesce(requests.namespace_id, excluded.namespace_id),
                object_name = coalesce(requests.object_name, excluded.object_name),
                request_path = coalesce(requests.request_path, excluded.request_path),
                decision = coalesce(excluded.decision, requests.decision),
                reason_id = coalesce(excluded.reason_id, requests.reason_id),
                source_ip_id = coalesce(requests.source_ip_id, excluded.source_ip_id),
                user_agent_id = coalesce(requests.user_agent_id, excluded.user_agent_id),
                cluster_id = coalesce(requests.cluster_id, excluded.cluster_id)
            """, persistent: true)
    }

    /// Stores one event. `extraStages` adds stage bits of events folded into this one (a
    /// RequestReceived seen just before). `encodedAuditID`, when given, must be the event's own
    /// audit ID already encoded, which spares encoding it again. Throws `AuditEventError` for an
    /// event that cannot be stored.
    func write(
        _ event: AuditEventView, sourceID: Int64, extraStages: Int = 0, clusterID: Int64? = nil,
        encodedAuditID: EncodedAuditID? = nil
    ) throws {
        guard let auditID = event.auditID, auditID.count > 0 else {
            throw AuditEventError.missingAuditID
        }
        guard let keyTime = Self.keyTime(of: event) else {
            throw AuditEventError.missingTimestamp
        }
        upsert.reset()

        if let encodedAuditID {
            encodedAuditID.withBytes { upsert.bindBlob($0, at: 1) }
        } else {
            let idBytes = event.bytes(auditID)
            let idLength = auditIDBuffer.withUnsafeMutableBytes { AuditIDEncoding.encode(idBytes, into: $0) }
            auditIDBuffer.withUnsafeBytes {
                upsert.bindBlob(UnsafeRawBufferPointer(rebasing: $0[0..<idLength]), at: 1)
            }
        }

        upsert.bind(keyTime, at: 2)
        upsert.bind((event.stageTimestamp ?? event.creationTimestamp)?.microseconds, at: 3)
        let stage = event.stage.flatMap { $0.hasEscapes ? AuditStage(name: event.string($0)) : AuditStage(bytes: event.bytes($0)) }
        upsert.bind(Int64((stage?.bit ?? 0) | extraStages), at: 4)
        if event.responseCode != nil {
            upsert.bind(Int64(stage?.rawValue ?? 0), at: 5)
        }
        if let level = event.level {
            let name = event.bytes(level)
            if let code = AuditLevelCode.code(for: name) {
                upsert.bind(code, at: 6)
            } else {
                upsert.bindText(name, at: 6)
            }
        }
        try bindDimension(verbs, event, event.verb, at: 7)

        let identityIDs = try identityIDs(of: event)
        upsert.bind(identityIDs.user, at: 8)
        upsert.bind(identityIDs.impersonated, at: 9)

        if let resource = event.objectResource {
            upsert.bind(try resources.id(for: event, resource: resource), at: 10)
        } else if let uri = event.requestURI {
            bindText(event, uri, at: 13)
        }
        try bindDimension(namespaces, event, event.objectNamespace, at: 11)
        if let name = event.objectName {
            bindText(event, name, at: 12)
        }

        if let code = event.responseCode {
            upsert.bind(Int64(code), at: 14)
        }
        if let decision = event.authorizationDecision {
            upsert.bind(Self.decisionCode(event, decision), at: 15)
        }
        try bindDimension(texts, event, event.authorizationReason, at: 16, skipEmpty: true)
        try bindDimension(texts, event, event.responseMessage, at: 17, skipEmpty: true)
        try bindDimension(sourceIPs, event, event.sourceIP, at: 18)
        try bindDimension(userAgents, event, event.userAgent, at: 19)
        upsert.bind(sourceID, at: 20)
        upsert.bind(clusterID, at: 21)

        try upsert.run()
    }

    /// Returns the identity ids of the event's `user` and `impersonatedUser`, decoding each object
    /// the first time its bytes are seen. Throws `AuditEventError.invalidUser` for an object that
    /// does not decode, such as one whose username is a number.
    private func identityIDs(of event: AuditEventView) throws -> (user: Int64?, impersonated: Int64?) {
        (try identityID(event, event.user, field: "user"),
         try identityID(event, event.impersonatedUser, field: "impersonatedUser"))
    }

    private func identityID(_ event: AuditEventView, _ range: JSONValueRange?, field: String) throws -> Int64? {
        guard let range else { return nil }
        do {
            return try identities.id(for: event.bytes(range))
        } catch let error as AuditEventScanError {
            throw AuditEventError.invalidUser(error.located(at: range.start, in: field).inputProblem)
        }
    }

    /// Returns the time that keys a request with its audit ID: when the apiserver received it, which
    /// every stage repeats. An event without it is keyed by its own stage time, so a re-read of the same
    /// line is still not stored twice.
    static func keyTime(of event: AuditEventView) -> Int64? {
        (event.requestTime ?? event.stageTimestamp)?.microseconds
    }

    /// The stored code of an `authorization.k8s.io/decision` annotation: 1 allow, 2 forbid, else nil.
    /// Compares bytes, because making a String of every event's decision showed up in profiles.
    private static func decisionCode(_ event: AuditEventView, _ range: JSONStringRange) -> Int64? {
        if range.hasEscapes {
            switch event.string(range) {
            case "allow": return 1
            case "forbid": return 2
            default: return nil
            }
        }
        let bytes = event.bytes(range)
        if bytes.equals("allow") { return 1 }
        if bytes.equals("forbid") { return 2 }
        return nil
    }

    /// Binds a string field as TEXT, straight from the line's bytes when it has no escapes.
    private func bindText(_ event: AuditEventView, _ range: JSONStringRange, at index: Int32) {
        if range.hasEscapes {
            upsert.bind(event.string(range), at: index)
        } else {
            upsert.bindText(event.bytes(range), at: index)
        }
    }

    private func bindDimension(
        _ table: DimensionTable, _ event: AuditEventView, _ range: JSONStringRange?, at index: Int32,
        skipEmpty: Bool = false
    ) throws {
        guard let range else { return }
        if skipEmpty && range.count == 0 { return }
        if range.hasEscapes {
            upsert.bind(try table.id(forEscaped: event.bytes(range)) { event.string(range) }, at: index)
        } else {
            upsert.bind(try table.id(for: event.bytes(range)), at: index)
        }
    }

    /// Forgets cached dimension ids after a rollback, when rows they name may be gone.
    func clearCaches() {
        for table in [verbs, namespaces, userAgents, sourceIPs, texts] {
            table.clearCache()
        }
        resources.clearCache()
        identities.clearCache()
    }
}

/// Why an audit event could not be stored.
enum AuditEventError: Error, Equatable {
    case missingAuditID
    /// The event has neither a receive time nor a stage time, so no request can be keyed by it.
    case missingTimestamp
    /// The `user` or `impersonatedUser` object is not a valid user; the problem is located in the line.
    case invalidUser(InputProblem)

    /// The problem to report for the line.
    var problem: InputProblem {
        switch self {
        case .missingAuditID: .invalidAuditEvent(reason: "auditID is empty")
        case .missingTimestamp: .invalidAuditEvent(reason: "requestReceivedTimestamp and stageTimestamp are missing")
        case .invalidUser(let problem): problem
        }
    }
}
