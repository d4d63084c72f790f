/// Parses YAML (and therefore JSON) bytes into one `DocumentNode` per document of the stream.
///
/// Aliases are replaced by copies of their anchored node; merge keys (`<<: *base`) are applied the way
/// `gopkg.in/yaml.v2` applies them, with the mapping's own keys winning over merged ones.
public enum DocumentParser {
    /// The maximum number of nodes one document may grow to through alias expansion.
    public static let maximumExpandedNodes = 1_000_000

    /// Parses every document of a stream. An empty stream returns no documents; an empty document
    /// (`---` alone) returns a `null` node.
    public static func parse(_ bytes: [UInt8]) throws(DocumentParseError) -> [DocumentNode] {
        let reader = YAMLEventReader(bytes: bytes)
        var builder = TreeBuilder()
        while true {
            let event = try reader.next()
            if event == .streamEnd { break }
            try builder.accept(event, at: reader.mark)
        }
        return builder.documents
    }

    public static func parse(_ text: String) throws(DocumentParseError) -> [DocumentNode] {
        try parse(Array(text.utf8))
    }
}

/// Builds nodes from parser events with an explicit stack of open collections.
private struct TreeBuilder {
    private enum OpenCollection {
        case sequence(items: [DocumentNode], start: DocumentMark, anchor: String?)
        case mapping(entries: [DocumentEntry], pendingKey: DocumentNode?, start: DocumentMark, anchor: String?)
    }

    private struct Anchored {
        var node: DocumentNode
        var size: Int
    }

    var documents: [DocumentNode] = []
    private var stack: [OpenCollection] = []
    private var anchors: [String: Anchored] = [:]
    private var documentSize = 0
    private var documentHasRoot = false

    mutating func accept(_ event: YAMLEvent, at mark: DocumentMark) throws(DocumentParseError) {
        switch event {
        case .streamStart, .streamEnd:
            break
        case .documentStart:
            anchors = [:]
            documentSize = 0
            documentHasRoot = false
        case .documentEnd:
            if !documentHasRoot { documents.append(DocumentNode(.null, start: mark)) }
        case .alias(let name):
            guard let anchored = anchors[name] else {
                throw DocumentParseError(mark: mark, reason: .undefinedAlias(name: name))
            }
            try complete(anchored.node, size: anchored.size, anchor: nil, at: mark)
        case .scalar(let scalar, let anchor):
            try complete(DocumentNode(Self.value(of: scalar), start: mark), size: 1, anchor: anchor, at: mark)
        case .sequenceStart(let anchor):
            stack.append(.sequence(items: [], start: mark, anchor: anchor))
        case .mappingStart(let anchor):
            stack.append(.mapping(entries: [], pendingKey: nil, start: mark, anchor: anchor))
        case .sequenceEnd, .mappingEnd:
            try closeCollection(at: mark)
        }
    }

    private static func value(of scalar: DocumentScalar) -> DocumentValue {
        scalar.resolvedKind == .null ? .null : .scalar(scalar)
    }

    private mutating func closeCollection(at mark: DocumentMark) throws(DocumentParseError) {
        guard let open = stack.popLast() else { return }
        switch open {
        case .sequence(let items, let start, let anchor):
            try complete(DocumentNode(.sequence(items), start: start), size: 1, anchor: anchor, at: mark)
        case .mapping(let entries, _, let start, let anchor):
            let merged = Self.applyingMergeKeys(entries)
            try complete(DocumentNode(.mapping(merged), start: start), size: 1, anchor: anchor, at: mark)
        }
    }

    /// Adds a finished node to its parent (or makes it the document root) and records its anchor.
    private mutating func complete(
        _ node: DocumentNode, size: Int, anchor: String?, at mark: DocumentMark
    ) throws(DocumentParseError) {
        documentSize += size
        guard documentSize <= DocumentParser.maximumExpandedNodes else {
            throw DocumentParseError(
                mark: mark, reason: .aliasExpansionTooLarge(limit: DocumentParser.maximumExpandedNodes))
        }
        if let anchor {
            anchors[anchor] = Anchored(node: node, size: Self.count(node))
        }
        guard let parent = stack.popLast() else {
            documents.append(node)
            documentHasRoot = true
            return
        }
        switch parent {
        case .sequence(var items, let start, let parentAnchor):
            items.append(node)
            stack.append(.sequence(items: items, start: start, anchor: parentAnchor))
        case .mapping(var entries, let pendingKey, let start, let parentAnchor):
            if let key = pendingKey {
                entries.append(DocumentEntry(key: key, value: node))
                stack.append(.mapping(entries: entries, pendingKey: nil, start: start, anchor: parentAnchor))
            } else {
                if case .mapping = node.value { throw DocumentParseError(mark: node.start, reason: .complexKey) }
                if case .sequence = node.value { throw DocumentParseError(mark: node.start, reason: .complexKey) }
                stack.append(.mapping(entries: entries, pendingKey: node, start: start, anchor: parentAnchor))
            }
        }
    }

    private static func count(_ node: DocumentNode) -> Int {
        switch node.value {
        case .scalar, .null: 1
        case .sequence(let items): items.reduce(1) { $0 + count($1) }
        case .mapping(let entries): entries.reduce(1) { $0 + count($1.key) + count($1.value) }
        }
    }

    /// Replaces `<<` entries whose value is a mapping (or a list of mappings) by the entries they
    /// bring. Merged entries come first, so the mapping's own keys win under last-key-wins lookup.
    private static func applyingMergeKeys(_ entries: [DocumentEntry]) -> [DocumentEntry] {
        guard entries.contains(where: isMergeKey) else { return entries }
        var merged: [DocumentEntry] = []
        var own: [DocumentEntry] = []
        for entry in entries {
            guard isMergeKey(entry) else {
                own.append(entry)
                continue
            }
            switch entry.value.value {
            case .mapping(let brought):
                merged.append(contentsOf: brought)
            case .sequence(let sources):
                // In a list of merged mappings the earlier ones win, so add them last.
                for source in sources.reversed() {
                    merged.append(contentsOf: source.mappingEntries ?? [])
                }
            default:
                own.append(entry)
            }
        }
        return merged + own
    }

    private static func isMergeKey(_ entry: DocumentEntry) -> Bool {
        guard let key = entry.key.scalar else { return false }
        return key.text == "<<" && key.style == .plain
    }
}
