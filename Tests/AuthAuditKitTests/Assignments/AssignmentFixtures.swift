import Foundation

@testable import AuthAuditKit

/// Reads fixtures under `Tests/Fixtures/assignments/`.
enum AssignmentFixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("assignments/" + name))))
    }

    static func inputs(_ names: [String]) throws -> [(bytes: [UInt8], source: String)] {
        try names.map { (try bytes($0), $0) }
    }

    /// Returns the `invalidDocument` reasons of a diagnostic list, for matching on content.
    static func reasons(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.compactMap {
            if case .invalidDocument(let reason) = $0.problem { return reason }
            return nil
        }
    }
}
