/// The reports available to run, loaded from an ordered list of folders.
///
/// A report in a later folder replaces one with the same name from an earlier folder, so users
/// override built-in reports by putting a file with the same `name` in their own folder.
public struct ReportCatalog: Sendable {
    /// A report that replaced one with the same name from an earlier folder.
    public struct Replacement: Sendable, Equatable {
        public var name: String
        public var replacedPath: String
        public var path: String
    }

    /// The usable reports, sorted by name.
    public private(set) var definitions: [ReportDefinition]
    /// Report files that could not be used and folders that could not be read. Loading continues past them.
    public private(set) var problems: [ReportDefinitionError]
    public private(set) var replacements: [Replacement]

    /// Builds a catalog from definitions already parsed; a later one replaces an earlier one with the same name.
    public init(definitions: [ReportDefinition]) {
        var byName: [String: ReportDefinition] = [:]
        var replacements: [Replacement] = []
        for definition in definitions {
            if let earlier = byName[definition.name] {
                replacements.append(
                    Replacement(name: definition.name, replacedPath: earlier.path, path: definition.path))
            }
            byName[definition.name] = definition
        }
        self.definitions = byName.values.sorted { $0.name < $1.name }
        self.problems = []
        self.replacements = replacements
    }

    /// Loads every `*.sql` file (not starting with `.`) of each folder, in folder order.
    ///
    /// Within one folder, files are read in byte order of their names. Two files of one folder with the
    /// same report name are a problem (`duplicateName`); the first is kept. Folders that do not exist
    /// are skipped without a problem, because the default list names optional ones.
    public init(directories: [String]) {
        var loaded: [ReportDefinition] = []
        var problems: [ReportDefinitionError] = []
        for directory in directories where ReportFileSystem.isDirectory(directory) {
            let names: [String]
            do {
                names = try ReportFileSystem.entries(of: directory)
            } catch {
                problems.append(ReportDefinitionError(path: directory, reason: .unreadable(errno: error.code)))
                continue
            }
            var inThisDirectory: [String: String] = [:]
            for fileName in names where fileName.hasSuffix(".sql") && !fileName.hasPrefix(".") {
                let path = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
                guard ReportFileSystem.isRegularFile(path) else { continue }
                do {
                    let definition = try ReportDefinition.load(path: path)
                    if let otherPath = inThisDirectory[definition.name] {
                        problems.append(
                            ReportDefinitionError(
                                path: path, reason: .duplicateName(definition.name, otherPath: otherPath)))
                        continue
                    }
                    inThisDirectory[definition.name] = path
                    loaded.append(definition)
                } catch {
                    problems.append(error)
                }
            }
        }
        self.init(definitions: loaded)
        self.problems = problems
    }

    /// The report with this name.
    public func definition(named name: String) throws(ReportLookupError) -> ReportDefinition {
        if let definition = definitions.first(where: { $0.name == name }) {
            return definition
        }
        throw ReportLookupError.notFound(name: name, suggestions: suggestions(for: name))
    }

    /// Report names close to `name`, nearest first, at most three (see `Suggestions`).
    public func suggestions(for name: String) -> [String] {
        Suggestions.closest(to: name, among: definitions.map(\.name))
    }
}

public enum ReportLookupError: Error, Sendable, Equatable {
    /// No report has this name; `suggestions` are close names, nearest first, possibly none.
    case notFound(name: String, suggestions: [String])
}
