/// The type facts (kind, keys, list item kinds) read with the JSON scanner from the start of a
/// JSON document.
///
/// The scan stops quietly at the first error, because a 64 KiB prefix usually ends in the middle
/// of the document; whatever was read before that point is kept.
struct JSONDocumentSummary {
    /// The top-level `kind`.
    var kind: String?
    /// Top-level keys, lower-cased.
    var keys: Set<String> = []
    /// Whether this object or a list item is a ConfigMap that maps IAM identities: it is named
    /// `aws-auth` or has a `mapRoles`, `mapUsers` or `mapAccounts` data key (any letter case, as
    /// the authenticator accepts).
    var hasAwsAuthConfigMap = false
    /// The `kind` of each list item read.
    var itemKinds: [String] = []

    /// Reads the object at `start`, looking no further than `limit`.
    init(_ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int) {
        var cursor = JSONCursor(UnsafeRawBufferPointer(rebasing: bytes[0..<limit]), offset: start)
        guard cursor.peek() == ASCIIByte.openBrace else { return }
        var summary = self
        var object = ObjectFacts()
        try? cursor.scanObject { cursor, key in
            let name = cursor.decode(key)
            summary.keys.insert(name.lowercased())
            if name == "items", cursor.peek() == ASCIIByte.openBracket {
                try cursor.scanArray { cursor, _ in
                    guard cursor.peek() == ASCIIByte.openBrace else { return try cursor.skipValue() }
                    var item = ObjectFacts()
                    try cursor.scanObject { cursor, key in try item.read(cursor.decode(key), &cursor) }
                    if let kind = item.kind { summary.itemKinds.append(kind) }
                    if item.isAwsAuthConfigMap { summary.hasAwsAuthConfigMap = true }
                }
            } else {
                try object.read(name, &cursor)
            }
            summary.kind = object.kind
            if object.isAwsAuthConfigMap { summary.hasAwsAuthConfigMap = true }
        }
        self = summary
    }
}

/// The facts read from one Kubernetes object: its kind, name and data keys.
private struct ObjectFacts {
    var kind: String?
    var name: String?
    var dataKeys: Set<String> = []

    var isAwsAuthConfigMap: Bool {
        kind == "ConfigMap"
            && (name == "aws-auth" || !dataKeys.isDisjoint(with: ["maproles", "mapusers", "mapaccounts"]))
    }

    mutating func read(_ key: String, _ cursor: inout JSONCursor) throws {
        switch (key, cursor.peek()) {
        case ("kind", ASCIIByte.quote):
            kind = cursor.decode(try cursor.scanString())
        case ("metadata", ASCIIByte.openBrace):
            try cursor.scanObject { cursor, key in
                if cursor.stringEquals(key, "name"), cursor.peek() == ASCIIByte.quote {
                    self.name = cursor.decode(try cursor.scanString())
                } else {
                    try cursor.skipValue()
                }
            }
        case ("data", ASCIIByte.openBrace):
            try cursor.scanObject { cursor, key in
                self.dataKeys.insert(cursor.decode(key).lowercased())
                try cursor.skipValue()
            }
        default:
            try cursor.skipValue()
        }
    }
}
