/// The kind of input that the first bytes of a file show, as `Ingester` reads it.
///
/// The checks run in a fixed order and the first match wins: reference documents (aws-auth, RBAC,
/// directory and assignment exports), CloudWatch deliveries, CloudTrail, then line-based logs.
enum DetectedInput: Equatable {
    case reference(ReferenceDocumentKind)
    case envelopes(EnvelopeKind)
    case cloudTrail
    case lines(InputKind)

    static func detect(prefix: UnsafeRawBufferPointer) -> DetectedInput {
        if let reference = ReferenceDocumentKind.detect(prefix: prefix) {
            return .reference(reference)
        }
        if let envelope = EnvelopeDetector.detect(prefix: prefix) {
            return .envelopes(envelope)
        }
        if CloudTrailDetector.looksLikeCloudTrail(prefix: prefix) {
            return .cloudTrail
        }
        return .lines(InputKindDetector.detect(prefix: prefix))
    }
}
