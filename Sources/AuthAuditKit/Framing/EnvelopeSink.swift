/// Collects the messages and problems that one call of a decoder produces.
struct EnvelopeSink {
    var batch = EnvelopeMessageBatch()
    var problems: [(problem: EnvelopeProblem, line: Int?)] = []

    /// Adds a message, flagging it when CloudWatch cut it.
    mutating func emit(_ message: EnvelopeMessage) {
        message.message.withUnsafeBytes { bytes in
            batch.append(
                bytes, logGroup: message.logGroup, logStream: message.logStream, timestamp: message.timestamp,
                origin: message.origin)
        }
    }

    mutating func report(_ problem: EnvelopeProblem, line: Int?) {
        problems.append((problem, line))
    }

    /// The sink's size, to undo what a failed attempt added.
    var mark: (messages: Int, bytes: Int, problems: Int) {
        (batch.count, batch.byteCount, problems.count)
    }

    mutating func rollBack(to mark: (messages: Int, bytes: Int, problems: Int)) {
        batch.removeLast(batch.count - mark.messages)
        batch.removeBytes(after: mark.bytes)
        problems.removeLast(problems.count - mark.problems)
    }
}
