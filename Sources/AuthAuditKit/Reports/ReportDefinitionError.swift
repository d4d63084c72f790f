/// A report file that cannot be used, with the place of the problem.
///
/// The values are data; the CLI words them.
public struct ReportDefinitionError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The file or folder could not be read (`errno`).
        case unreadable(errno: Int32)
        /// The file is not valid UTF-8.
        case notUTF8
        /// A header line is neither `-- field: value`, an indented continuation nor a bare `--`.
        case malformedLine
        /// An indented continuation line with no field before it.
        case continuationWithoutField
        case unknownField(String)
        /// A field other than `param` appears twice.
        case duplicateField(String)
        case emptyValue(field: String)
        case missingDescription
        /// The report name (from the header or the file name) has characters other than `a-z 0-9 - _`.
        case invalidName(String)
        /// A `param` line without a name, a type or a summary.
        case incompleteParameter
        /// A parameter name that SQLite cannot take after `:` (letters, digits and `_`, not starting with a digit).
        case invalidParameterName(String)
        case unknownParameterType(String)
        case duplicateParameter(String)
        /// `headline` is neither `true` nor `false`.
        case invalidHeadline(String)
        /// `changes:` is not `key=COLUMN,... added=LABEL removed=LABEL [changed=LABEL]`.
        case invalidChanges(String)
        /// Nothing but comments and blank lines follow the header.
        case missingSQL
        /// Another report file in the same folder has the same name; `otherPath` is the one kept.
        case duplicateName(String, otherPath: String)
    }

    public var path: String
    /// The 1-based line, or nil when the problem concerns the whole file.
    public var line: Int?
    public var reason: Reason

    public init(path: String, line: Int? = nil, reason: Reason) {
        self.path = path
        self.line = line
        self.reason = reason
    }
}
