/// Finds updates of the `kube-system/aws-auth` ConfigMap in audit events and stores each as a
/// dated mapping document, so every request is resolved with the mapping in effect at its time.
///
/// Only successful (2xx) `create`, `update` and `patch` requests at their ResponseComplete stage
/// count. The response body is the ConfigMap as stored, so it is preferred; a create or update
/// logged at Request level carries the whole object in its request body instead. A patch logged
/// at Request level holds only the patch, which is not enough to know the result, so it is skipped.
enum AwsAuthUpdateCapture {
    static let writeVerbs: Set<String> = ["create", "update", "patch"]

    /// Stores the mapping of an aws-auth update. Returns the parse diagnostics, or nil when the
    /// event is not an aws-auth update.
    static func capture(_ event: AuditEventView, sourceID: Int64, store: AuditStore) throws -> [Diagnostic]? {
        // Cheap byte checks first: most events with bodies are not about ConfigMaps.
        guard event.hasBodies, let code = event.responseCode, (200..<300).contains(code),
            let resource = event.objectResource, event.bytes(resource).equals("configmaps"),
            event.string(event.objectNamespace) == "kube-system",
            event.string(event.stage) == AuditStage.responseComplete.name,
            let verb = event.string(event.verb), writeVerbs.contains(verb)
        else { return nil }
        let name = event.string(event.objectName)
        guard name == "aws-auth" || (name == nil && verb == "create") else { return nil }

        let body = event.responseObject ?? (verb == "patch" ? nil : event.requestObject)
        guard let body else { return nil }
        let bytes = Array(event.bytes(body))
        let parsed = AwsAuthParser.parse(bytes, source: "audit log aws-auth update")
        guard parsed.objectCount > 0 else { return nil }

        let time = event.stageTimestamp ?? event.requestTime
        var hashInput = bytes
        withUnsafeBytes(of: time?.microseconds ?? 0) { hashInput.append(contentsOf: $0) }
        let hash = hashInput.withUnsafeBytes { ByteHash.hash($0) }
        try store.write(
            parsed.mapping, kind: InputKind.awsAuthConfigMap.rawValue, contentHash: hash, sourceID: sourceID,
            effectiveAt: time, origin: .auditLog)
        return parsed.diagnostics
    }
}
