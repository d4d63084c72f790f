/// A point in time as microseconds since the Unix epoch, UTC.
///
/// Kubernetes records `MicroTime` with exactly six fractional digits, so microseconds keep every
/// audit timestamp exact while fitting an SQLite INTEGER.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    public var microseconds: Int64

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    public init(seconds: Int64) {
        self.microseconds = seconds * 1_000_000
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microseconds < rhs.microseconds
    }
}
