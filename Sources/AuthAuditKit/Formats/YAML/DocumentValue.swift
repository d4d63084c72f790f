/// A position in a YAML or JSON text: 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct DocumentMark: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// How a scalar was written in the source text.
public enum ScalarStyle: String, Sendable {
    case plain
    case singleQuoted = "single_quoted"
    case doubleQuoted = "double_quoted"
    /// `|` block.
    case literal
    /// `>` block.
    case folded
}

/// A scalar with its text and the way it was written.
///
/// Only a plain scalar can stand for a number, boolean or null; `resolvedKind` applies that rule.
public struct DocumentScalar: Sendable, Equatable {
    public var text: String
    public var style: ScalarStyle
    /// The explicit tag (`!!str`, `tag:yaml.org,2002:int`, …), when the source gave one.
    public var tag: String?

    public init(text: String, style: ScalarStyle = .plain, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    public var isPlain: Bool { style == .plain }
}

/// One key and value of a mapping, in source order.
public struct DocumentEntry: Sendable, Equatable {
    public var key: DocumentNode
    public var value: DocumentNode

    public init(key: DocumentNode, value: DocumentNode) {
        self.key = key
        self.value = value
    }
}

/// The content of one node of a YAML (or JSON) document.
///
/// Anchors and aliases are already resolved: an alias is a copy of the node it names. A plain
/// scalar that spells null (`null`, `~`, empty) is `null`; every other scalar keeps its text.
public indirect enum DocumentValue: Sendable, Equatable {
    /// Entries in source order; duplicate keys are kept as written.
    case mapping([DocumentEntry])
    case sequence([DocumentNode])
    case scalar(DocumentScalar)
    case null
}

/// A node and where it starts in the source.
public struct DocumentNode: Sendable, Equatable {
    public var value: DocumentValue
    public var start: DocumentMark

    public init(_ value: DocumentValue, start: DocumentMark = DocumentMark(line: 1, column: 1)) {
        self.value = value
        self.start = start
    }
}
