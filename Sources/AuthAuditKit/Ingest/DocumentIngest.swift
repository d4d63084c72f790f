/// Ingests inputs that are read whole: aws-auth mappings, RBAC dumps and pretty-printed audit JSON.
enum DocumentIngest {
    struct Result {
        var records = 0
        var auditEvents = 0
        var mappingEntries = 0
        var rbacObjects = 0
        var diagnostics: [Diagnostic] = []
    }

    static let rbacKinds: Set<String> = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]

    static func ingest(_ bytes: [UInt8], kind: InputKind, source: String, sourceID: Int64, store: AuditStore)
        throws -> Result
    {
        let contentHash = bytes.withUnsafeBytes { ByteHash.hash($0) }
        var result = Result()
        switch kind {
        case .auditEventDocument:
            do {
                try bytes.withUnsafeBytes { buffer in
                    try AuditEventScanner.scan(line: buffer) { event in
                        try store.write(event, sourceID: sourceID)
                        result.auditEvents += 1
                        result.records += 1
                    }
                }
            } catch let error as AuditEventScanError {
                result.diagnostics.append(Diagnostic(severity: .error, source: source, problem: error.inputProblem))
            } catch let error as AuditEventError {
                result.diagnostics.append(Diagnostic(severity: .error, source: source, problem: error.problem))
            }
        case .awsAuthConfigMap, .iamIdentityMapping, .dynamicFileMapping:
            let parsed = AwsAuthParser.parse(bytes, source: source)
            result.diagnostics += parsed.diagnostics
            let entries = parsed.mapping.roles.count + parsed.mapping.users.count + parsed.mapping.accounts.count
            try store.write(
                parsed.mapping, kind: kind.rawValue, contentHash: contentHash, sourceID: sourceID,
                effectiveAt: lastUpdate(bytes))
            result.mappingEntries = entries
            result.records = entries
        case .rbac:
            try ingestRBAC(bytes, source: source, sourceID: sourceID, store: store, result: &result)
        default:
            preconditionFailure("\(kind.rawValue) is not a whole-document input kind")
        }
        return result
    }

    private static func ingestRBAC(
        _ bytes: [UInt8], source: String, sourceID: Int64, store: AuditStore, result: inout Result
    ) throws {
        let documents: [DocumentNode]
        do {
            documents = try DocumentParser.parse(bytes)
        } catch {
            result.diagnostics.append(
                Diagnostic(
                    severity: .error, source: source, line: error.mark.line,
                    problem: .invalidDocument(reason: DocumentErrorText.describe(error))))
            return
        }
        var objects: [DocumentNode] = []
        for document in documents {
            if let items = document["items"]?.sequenceItems {
                objects += items
            } else if document.mappingEntries != nil {
                objects.append(document)
            }
        }
        for object in objects {
            // `kubectl get --raw` lists omit each item's kind; bindings have roleRef, roles have rules.
            var kind = object["kind"]?.scalarText
            if kind == nil {
                let isBinding = object["roleRef"] != nil
                let isNamespaced = object["metadata"]?["namespace"]?.scalarText != nil
                kind = (isNamespaced ? "" : "Cluster") + (isBinding ? "RoleBinding" : "Role")
            }
            guard let kind, rbacKinds.contains(kind), let name = object["metadata"]?["name"]?.scalarText else {
                continue
            }
            let written = try store.writeRBACObject(
                kind: kind, namespace: object["metadata"]?["namespace"]?.scalarText, name: name,
                json: object.jsonText, sourceID: sourceID)
            if written { result.rbacObjects += 1 }
            result.records += 1
        }
    }

    /// The newest `metadata.managedFields[].time` of the objects in a document: when the mapping
    /// was last written. `kubectl get` omits managed fields unless `--show-managed-fields` is given,
    /// and `creationTimestamp` tells nothing about later edits, so most dumps have no time (nil).
    static func lastUpdate(_ bytes: [UInt8]) -> Timestamp? {
        guard let documents = try? DocumentParser.parse(bytes) else { return nil }
        var objects: [DocumentNode] = []
        for document in documents {
            objects += document["items"]?.sequenceItems ?? [document]
        }
        var newest: Timestamp?
        for object in objects {
            for field in object["metadata"]?["managedFields"]?.sequenceItems ?? [] {
                guard let text = field["time"]?.scalarText, let time = TimestampParser.parse(text) else { continue }
                newest = max(newest ?? time, time)
            }
        }
        return newest
    }
}
