/// Fills an `AuditEventView` from the members of one event object.
///
/// Each member is matched by key; values of unknown keys and of bodies are skipped. `null` is
/// accepted for every field and leaves it unset, as Go writes `null` for zero timestamps.
struct EventObjectScanner {
    var view: AuditEventView
    /// The `items` array of an `EventList`, kept for a second pass once the kind is known.
    var items: JSONValueRange?

    init(line: UnsafeRawBufferPointer) {
        view = AuditEventView(line: line)
    }

    /// Scans the object at the cursor. Errors in values are `AuditEventScanError`s; the caller
    /// wraps syntax errors.
    mutating func scan(_ cursor: inout JSONCursor) throws {
        try cursor.scanObject { cursor, key in
            try self.scanMember(key, &cursor)
        }
    }

    // The chain compares lengths first, so a key costs a few integer comparisons until it matches.
    private mutating func scanMember(_ key: JSONStringRange, _ cursor: inout JSONCursor) throws {
        if cursor.stringEquals(key, "kind") {
            view.kind = try cursor.optionalString(field: "kind")
        } else if cursor.stringEquals(key, "apiVersion") {
            view.apiVersion = try cursor.optionalString(field: "apiVersion")
        } else if cursor.stringEquals(key, "level") {
            view.level = try cursor.optionalString(field: "level")
        } else if cursor.stringEquals(key, "auditID") {
            view.auditID = try cursor.optionalString(field: "auditID")
        } else if cursor.stringEquals(key, "stage") {
            view.stage = try cursor.optionalString(field: "stage")
        } else if cursor.stringEquals(key, "requestURI") {
            view.requestURI = try cursor.optionalString(field: "requestURI")
        } else if cursor.stringEquals(key, "verb") {
            view.verb = try cursor.optionalString(field: "verb")
        } else if cursor.stringEquals(key, "user") {
            view.user = try cursor.optionalObjectRange(field: "user")
        } else if cursor.stringEquals(key, "impersonatedUser") {
            view.impersonatedUser = try cursor.optionalObjectRange(field: "impersonatedUser")
        } else if cursor.stringEquals(key, "sourceIPs") {
            view.sourceIP = try cursor.firstString(field: "sourceIPs")
        } else if cursor.stringEquals(key, "userAgent") {
            view.userAgent = try cursor.optionalString(field: "userAgent")
        } else if cursor.stringEquals(key, "objectRef") {
            try scanObjectReference(&cursor)
        } else if cursor.stringEquals(key, "responseStatus") {
            try scanResponseStatus(&cursor)
        } else if cursor.stringEquals(key, "requestObject") {
            if try !cursor.skipNull() {
                view.requestObject = try cursor.bodyRange()
                view.hasBodies = true
            }
        } else if cursor.stringEquals(key, "responseObject") {
            if try !cursor.skipNull() {
                view.responseObject = try cursor.bodyRange()
                view.hasBodies = true
            }
        } else if cursor.stringEquals(key, "requestReceivedTimestamp") {
            view.requestReceivedTimestamp = try cursor.optionalTimestamp(field: "requestReceivedTimestamp")
        } else if cursor.stringEquals(key, "stageTimestamp") {
            view.stageTimestamp = try cursor.optionalTimestamp(field: "stageTimestamp")
        } else if cursor.stringEquals(key, "annotations") {
            try scanAnnotations(&cursor)
        } else if cursor.stringEquals(key, "timestamp") {
            view.legacyTimestamp = try cursor.optionalTimestamp(field: "timestamp")
        } else if cursor.stringEquals(key, "metadata") {
            try scanMetadata(&cursor)
        } else if cursor.stringEquals(key, "items") {
            items = try cursor.optionalArrayRange(field: "items")
        } else {
            try cursor.skipValue()
        }
    }

    private mutating func scanObjectReference(_ cursor: inout JSONCursor) throws {
        guard try cursor.enterOptionalObject(field: "objectRef") else { return }
        try cursor.scanObject { cursor, key in
            if cursor.stringEquals(key, "resource") {
                self.view.objectResource = try cursor.optionalString(field: "objectRef.resource")
            } else if cursor.stringEquals(key, "namespace") {
                self.view.objectNamespace = try cursor.optionalString(field: "objectRef.namespace")
            } else if cursor.stringEquals(key, "name") {
                self.view.objectName = try cursor.optionalString(field: "objectRef.name")
            } else if cursor.stringEquals(key, "apiGroup") {
                self.view.objectAPIGroup = try cursor.optionalString(field: "objectRef.apiGroup")
            } else if cursor.stringEquals(key, "apiVersion") {
                self.view.objectAPIVersion = try cursor.optionalString(field: "objectRef.apiVersion")
            } else if cursor.stringEquals(key, "subresource") {
                self.view.objectSubresource = try cursor.optionalString(field: "objectRef.subresource")
            } else {
                try cursor.skipValue()
            }
        }
    }

    private mutating func scanResponseStatus(_ cursor: inout JSONCursor) throws {
        guard try cursor.enterOptionalObject(field: "responseStatus") else { return }
        try cursor.scanObject { cursor, key in
            if cursor.stringEquals(key, "code") {
                self.view.responseCode = try cursor.optionalInteger(field: "responseStatus.code")
            } else if cursor.stringEquals(key, "status") {
                self.view.responseStatus = try cursor.optionalString(field: "responseStatus.status")
            } else if cursor.stringEquals(key, "reason") {
                self.view.responseReason = try cursor.optionalString(field: "responseStatus.reason")
            } else if cursor.stringEquals(key, "message") {
                self.view.responseMessage = try cursor.optionalString(field: "responseStatus.message")
            } else {
                try cursor.skipValue()
            }
        }
    }

    /// Picks the two authorization annotations; other annotation values may be any JSON value.
    private mutating func scanAnnotations(_ cursor: inout JSONCursor) throws {
        guard try cursor.enterOptionalObject(field: "annotations") else { return }
        try cursor.scanObject { cursor, key in
            if cursor.stringEquals(key, "authorization.k8s.io/decision") {
                self.view.authorizationDecision = try cursor.optionalString(
                    field: "annotations[authorization.k8s.io/decision]")
            } else if cursor.stringEquals(key, "authorization.k8s.io/reason") {
                self.view.authorizationReason = try cursor.optionalString(
                    field: "annotations[authorization.k8s.io/reason]")
            } else {
                try cursor.skipValue()
            }
        }
    }

    private mutating func scanMetadata(_ cursor: inout JSONCursor) throws {
        guard try cursor.enterOptionalObject(field: "metadata") else { return }
        try cursor.scanObject { cursor, key in
            if cursor.stringEquals(key, "creationTimestamp") {
                self.view.creationTimestamp = try cursor.optionalTimestamp(field: "metadata.creationTimestamp")
            } else {
                try cursor.skipValue()
            }
        }
    }
}
