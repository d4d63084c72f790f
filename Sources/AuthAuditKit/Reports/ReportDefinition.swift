/// One report: an SQL file whose leading `--` comment lines declare its name, help text and parameters.
///
/// The header looks like this (see `ReportDefinition.parse(_:path:)` for the exact rules):
///
/// ```sql
/// -- name: forbidden
/// -- title: Forbidden requests by identity
/// -- description: Requests answered 403, grouped by identity.
/// -- param: since time  Only requests received at or after this time.
/// -- headline: true
/// SELECT …
/// ```
public struct ReportDefinition: Sendable, Equatable {
    /// The name users type (`authaudit report NAME`): lowercase letters, digits, `-` and `_`.
    public var name: String
    /// A one-line heading; nil when the header has no `title` field.
    public var title: String?
    public var description: String
    /// The declared parameters, in header order.
    public var parameters: [ReportParameter]
    /// Whether the report belongs to the short overview that runs several reports at once.
    public var isHeadline: Bool
    /// The SQL after the header, which may hold several statements separated by `;`.
    public var sql: String
    /// The 1-based line of the report file on which `sql` starts, so statement lines match the file.
    public var sqlFirstLine: Int
    /// The file the report was read from.
    public var path: String
    /// How `--since-last-run` matches rows with the previous run; nil when the header has no `changes` field.
    public var changeRule: ReportChangeRule?

    public init(
        name: String, title: String? = nil, description: String, parameters: [ReportParameter] = [],
        isHeadline: Bool = false, sql: String, sqlFirstLine: Int = 1, path: String,
        changeRule: ReportChangeRule? = nil
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.parameters = parameters
        self.isHeadline = isHeadline
        self.sql = sql
        self.sqlFirstLine = sqlFirstLine
        self.path = path
        self.changeRule = changeRule
    }

    /// The declared parameter with this name (without the `:` prefix), or nil.
    public func parameter(named name: String) -> ReportParameter? {
        parameters.first { $0.name == name }
    }
}

/// A named parameter of a report, bound in its SQL as `:name` (or `@name`, `$name`).
public struct ReportParameter: Sendable, Equatable {
    public var name: String
    public var type: ReportParameterType
    /// The help text after the type in the header line.
    public var summary: String

    public init(name: String, type: ReportParameterType, summary: String) {
        self.name = name
        self.type = type
        self.summary = summary
    }
}

/// How a command-line value of a parameter becomes an SQLite value.
public enum ReportParameterType: String, Sendable, Equatable, CaseIterable {
    /// An RFC 3339 time or a duration before the anchor time, bound as INTEGER microseconds since the epoch.
    case time
    /// Bound as TEXT unchanged.
    case text
    /// A decimal 64-bit integer, bound as INTEGER.
    case integer
    /// A switch, bound as INTEGER 1 or 0. Unlike the other types, an unset flag binds 0, not NULL,
    /// so `WHERE NOT :detail` works.
    case flag
}
