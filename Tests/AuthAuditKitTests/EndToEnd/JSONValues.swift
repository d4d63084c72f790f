import Foundation
import Testing

/// Reading JSON with Foundation's `JSONSerialization`, independently of the product's own scanner.
enum JSONValues {
    /// Parses the array of objects that `-o json` prints, and fails the test when the output is anything else.
    static func rows(_ data: Data) throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: data)
        return try #require(value as? [[String: Any]], "expected a JSON array of objects, got \(value)")
    }

    /// Parses a file with one JSON value per line and returns its objects. Lines that do not parse as an
    /// object (blank lines, junk) are left out.
    static func objectLines(ofFile path: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var objects: [[String: Any]] = []
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] {
                objects.append(object)
            }
        }
        return objects
    }

    /// Returns the integer of a parsed JSON number, or nil for any other value and for a number with a fraction.
    static func integer(_ value: Any?) -> Int? {
        if let integer = value as? Int {
            return integer
        }
        if let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() {
            return number.intValue
        }
        return nil
    }

    /// Returns the string at a dotted path such as `impersonatedUser.username`, or nil when any step is missing.
    static func string(_ object: [String: Any], _ path: String) -> String? {
        var current: Any = object
        for key in path.split(separator: ".") {
            guard let dictionary = current as? [String: Any], let next = dictionary[String(key)] else { return nil }
            current = next
        }
        return current as? String
    }
}
