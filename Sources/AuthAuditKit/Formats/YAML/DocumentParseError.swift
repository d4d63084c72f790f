/// Why a YAML or JSON text could not be turned into documents, and where.
public struct DocumentParseError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// libyaml rejected the text; `problem` and `context` are libyaml's own words.
        case syntax(problem: String, context: String?)
        /// An alias (`*name`) names no anchor defined before it in the same document.
        case undefinedAlias(name: String)
        /// Expanding aliases would create more nodes than `limit` (a "billion laughs" document).
        case aliasExpansionTooLarge(limit: Int)
        /// A mapping key is itself a mapping or a list, which Kubernetes objects never use.
        case complexKey
    }

    /// Where the problem was found (1-based line and column).
    public var mark: DocumentMark
    public var reason: Reason

    public init(mark: DocumentMark, reason: Reason) {
        self.mark = mark
        self.reason = reason
    }
}
