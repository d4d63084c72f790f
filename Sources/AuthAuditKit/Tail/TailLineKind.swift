/// What the lines of one followed file or of standard input hold, detected from the first non-blank line.
enum TailLineKind: Equatable {
    case auditEvents
    case authenticatorLog
    /// `aws logs tail` text output: `<time> <logStreamName> <message>`, the message an audit event or an
    /// authenticator line, by the stream name.
    case cloudWatchTail
    case unknown

    static func detect(_ line: [UInt8]) -> TailLineKind {
        let framed = line + [0x0A]
        return framed.withUnsafeBytes { bytes in
            if EnvelopeDetector.detect(prefix: bytes) == .tailText {
                return .cloudWatchTail
            }
            switch InputKindDetector.detect(prefix: bytes) {
            case .auditEventLines, .auditEventDocument: return .auditEvents
            case .authenticatorLog: return .authenticatorLog
            default: return .unknown
            }
        }
    }

    var inputKind: String {
        switch self {
        case .auditEvents: InputKind.auditEventLines.rawValue
        case .authenticatorLog: InputKind.authenticatorLog.rawValue
        case .cloudWatchTail: "cloudwatch-\(EnvelopeKind.tailText)"
        case .unknown: InputKind.unknown.rawValue
        }
    }
}
