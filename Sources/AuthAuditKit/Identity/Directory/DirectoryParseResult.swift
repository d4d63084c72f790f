/// The people and groups read from one directory export and the problems found in it.
public struct DirectoryParseResult: Sendable {
    public var directory: Directory
    public var diagnostics: [Diagnostic]

    public init(directory: Directory = Directory(), diagnostics: [Diagnostic] = []) {
        self.directory = directory
        self.diagnostics = diagnostics
    }
}
