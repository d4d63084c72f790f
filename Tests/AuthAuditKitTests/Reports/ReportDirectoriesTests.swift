import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct ReportDirectoriesTests {
    private func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @Test func installedLayoutAndEnvironment() throws {
        let root = try TemporaryDirectory()
        let prefix = root.path("prefix")
        try makeDirectory(prefix + "/bin")
        try makeDirectory(prefix + "/share/authaudit/queries")
        try makeDirectory(root.path("config/authaudit/queries"))
        try makeDirectory(root.path("extra1"))
        try makeDirectory(root.path("extra2"))
        let resolvedRoot = try #require(ReportFileSystem.canonicalPath(root.url.path))
        let directories = ReportCatalog.defaultDirectories(
            executablePath: prefix + "/bin/authaudit",
            environment: [
                "XDG_CONFIG_HOME": root.path("config"), "HOME": root.path("home"),
                "AUTHAUDIT_QUERIES": "extra1::\(root.path("missing")):\(root.path("extra2"))",
            ],
            currentDirectory: root.url.path)
        #expect(
            directories == [
                resolvedRoot + "/prefix/share/authaudit/queries", root.path("config/authaudit/queries"),
                root.path("extra1"), root.path("extra2"),
            ])
    }

    @Test func sourceTreeLayoutAndHome() throws {
        let root = try TemporaryDirectory()
        try makeDirectory(root.path("checkout/.build/debug"))
        try makeDirectory(root.path("checkout/queries"))
        try "// swift-tools-version:6.0\n".write(
            toFile: root.path("checkout/Package.swift"), atomically: true, encoding: .utf8)
        try makeDirectory(root.path("home/.config/authaudit/queries"))
        let resolvedRoot = try #require(ReportFileSystem.canonicalPath(root.url.path))
        let directories = ReportCatalog.defaultDirectories(
            executablePath: root.path("checkout/.build/debug/authaudit"),
            environment: ["HOME": root.path("home"), "XDG_CONFIG_HOME": "relative/ignored"],
            currentDirectory: "/")
        #expect(directories == [resolvedRoot + "/checkout/queries", root.path("home/.config/authaudit/queries")])
    }

    @Test func symbolicLinkToExecutableFollowed() throws {
        let root = try TemporaryDirectory()
        try makeDirectory(root.path("prefix/bin"))
        try makeDirectory(root.path("prefix/share/authaudit/queries"))
        try makeDirectory(root.path("links"))
        try "".write(toFile: root.path("prefix/bin/authaudit"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: root.path("links/authaudit"), withDestinationPath: root.path("prefix/bin/authaudit"))
        let resolvedRoot = try #require(ReportFileSystem.canonicalPath(root.url.path))
        let directories = ReportCatalog.defaultDirectories(
            executablePath: root.path("links/authaudit"), environment: [:], currentDirectory: "/")
        #expect(directories == [resolvedRoot + "/prefix/share/authaudit/queries"])
    }

    @Test func nothingExistsGivesEmptyList() throws {
        let root = try TemporaryDirectory()
        let directories = ReportCatalog.defaultDirectories(
            executablePath: root.path("bin/authaudit"), environment: ["HOME": root.path("home")],
            currentDirectory: "/")
        #expect(directories.isEmpty)
    }
}
