/// The 16-byte stored form of an audit ID that is a UUID, as two integers.
///
/// The reader thread computes it once per event while scanning; the received-stage buffer uses it
/// as its key and the request writer binds its bytes, so the text is decoded from hex only once.
struct EncodedAuditID: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    /// The encoded ID of an event, or nil when its audit ID is missing, escaped or not a UUID.
    init?(_ event: AuditEventView) {
        guard let auditID = event.auditID, auditID.count == 36, !auditID.hasEscapes else { return nil }
        var words = (UInt64(0), UInt64(0))
        let length = withUnsafeMutableBytes(of: &words) { output in
            AuditIDEncoding.encodeUUID(event.bytes(auditID), into: output)
        }
        guard length == 16 else { return nil }
        high = words.0
        low = words.1
    }

    /// Calls `body` with the 16 bytes, in the order of the UUID's hex digits.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var words = (high, low)
        return try withUnsafeBytes(of: &words, body)
    }
}
