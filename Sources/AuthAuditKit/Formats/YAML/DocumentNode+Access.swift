/// Lookups used by readers of Kubernetes objects.
extension DocumentNode {
    /// The scalar text, or nil for a mapping, a sequence or null.
    public var scalarText: String? {
        if case .scalar(let scalar) = value { return scalar.text }
        return nil
    }

    public var scalar: DocumentScalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }

    public var mappingEntries: [DocumentEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    public var sequenceItems: [DocumentNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The value of the last entry whose key text equals `key` exactly.
    ///
    /// The last one wins because that is what Go's YAML and JSON decoders do with duplicate keys.
    public subscript(key: String) -> DocumentNode? {
        mappingEntries?.last { $0.key.scalarText == key }?.value
    }

    /// The value of the last entry whose key equals `key` ignoring ASCII case, the way Go's
    /// `encoding/json` matches struct fields.
    public func value(forCaseInsensitiveKey key: String) -> DocumentNode? {
        let wanted = key.lowercased()
        return mappingEntries?.last { $0.key.scalarText?.lowercased() == wanted }?.value
    }

    /// A short name of the node's kind for messages: `mapping`, `list`, `string`, `number`, `boolean` or `null`.
    public var kindName: String {
        switch value {
        case .mapping: "mapping"
        case .sequence: "list"
        case .null: "null"
        case .scalar(let scalar):
            switch scalar.resolvedKind {
            case .string: "string"
            case .integer, .float: "number"
            case .boolean: "boolean"
            case .null: "null"
            }
        }
    }
}
