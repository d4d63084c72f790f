import Foundation

/// Paths of the test fixtures under `Tests/Fixtures`, found from this source file's location.
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AuthAuditKitTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")

    /// The absolute path of a fixture, for example `corpus/audit2rbac/demo-v1beta1.log`.
    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// The repository root (the folder holding `Package.swift`).
    static let repositoryRoot: URL = root.deletingLastPathComponent().deletingLastPathComponent()
}

/// A temporary folder that removes itself with everything in it.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("authaudit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
