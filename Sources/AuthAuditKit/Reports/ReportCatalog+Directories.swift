extension ReportCatalog {
    /// The folders to load reports from, in override order, keeping only those that exist:
    ///
    /// 1. the built-in `queries` folder: `<executable folder>/../share/authaudit/queries` when it exists
    ///    (an installed build), else `queries` in the nearest folder at or above the executable's folder that
    ///    also holds `Package.swift` (a build inside the source tree, such as `.build/debug/authaudit`);
    /// 2. `$XDG_CONFIG_HOME/authaudit/queries`, or `$HOME/.config/authaudit/queries` when `XDG_CONFIG_HOME`
    ///    is unset, empty or relative (the XDG Base Directory specification ignores relative values);
    /// 3. each entry of `AUTHAUDIT_QUERIES`, a `:`-separated list; empty entries are ignored.
    ///
    /// `executablePath` should be absolute (Linux gives it as `/proc/self/exe`); symbolic links are resolved,
    /// so a link in `/usr/local/bin` finds the installed tree it points into. Relative paths, in
    /// `executablePath` and in `AUTHAUDIT_QUERIES`, are taken from `currentDirectory`.
    public static func defaultDirectories(
        executablePath: String, environment: [String: String], currentDirectory: String
    ) -> [String] {
        var candidates: [String] = []
        if let builtIn = builtInDirectory(executablePath: absolute(executablePath, from: currentDirectory)) {
            candidates.append(builtIn)
        }
        if let configHome = environment["XDG_CONFIG_HOME"], configHome.hasPrefix("/") {
            candidates.append(joined(configHome, "authaudit/queries"))
        } else if let home = environment["HOME"], !home.isEmpty {
            candidates.append(joined(home, ".config/authaudit/queries"))
        }
        for entry in (environment["AUTHAUDIT_QUERIES"] ?? "").split(separator: ":") {
            candidates.append(absolute(String(entry), from: currentDirectory))
        }
        return candidates.filter(ReportFileSystem.isDirectory)
    }

    private static func builtInDirectory(executablePath: String) -> String? {
        let resolved = ReportFileSystem.canonicalPath(executablePath) ?? executablePath
        var directory = parent(of: resolved)
        let installed = joined(directory, "../share/authaudit/queries")
        if ReportFileSystem.isDirectory(installed) {
            return ReportFileSystem.canonicalPath(installed) ?? installed
        }
        while true {
            let queries = joined(directory, "queries")
            if ReportFileSystem.isRegularFile(joined(directory, "Package.swift")), ReportFileSystem.isDirectory(queries)
            {
                return queries
            }
            if directory == "/" || directory == "." { return nil }
            directory = parent(of: directory)
        }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    private static func absolute(_ path: String, from currentDirectory: String) -> String {
        path.hasPrefix("/") ? path : joined(currentDirectory, path)
    }
}
