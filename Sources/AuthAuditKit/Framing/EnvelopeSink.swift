/// Collects the messages and problems that one call of a decoder produces.
struct EnvelopeSink {
    var messages: [EnvelopeMessage] = []
    var problems: [(problem: EnvelopeProblem, line: Int?)] = []

    /// Adds a message, flagging it when CloudWatch cut it.
    mutating func emit(_ message: EnvelopeMessage) {
        var message = message
        message.truncation = MessageTruncation.inspect(message.message)
        messages.append(message)
    }

    mutating func report(_ problem: EnvelopeProblem, line: Int?) {
        problems.append((problem, line))
    }
}
