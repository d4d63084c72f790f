import Foundation

@testable import AuthAuditKit

/// The directory fixtures, read and parsed.
enum DirectoryFixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        let path = Fixtures.path("directory/" + name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixtureError.unreadable(path)
        }
        return Array(data)
    }

    static func ldif() throws -> DirectoryParseResult {
        LDIFParser.parse(try bytes("corp-ldapsearch.ldif"), source: "corp-ldapsearch.ldif")
    }

    static func csv(_ name: String) throws -> DirectoryParseResult {
        DirectoryCSVParser.parse(try bytes(name), source: "exports/" + name)
    }

    enum FixtureError: Error {
        case unreadable(String)
    }
}

extension Diagnostic {
    /// The reason of an `invalidDocument` problem, for matching in tests.
    var reason: String? {
        if case .invalidDocument(let reason) = problem { reason } else { nil }
    }
}
