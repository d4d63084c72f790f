/// The fields of one logrus line, as read from the text, TTY or JSON form.
struct LogrusFields {
    /// aws-iam-authenticator v0.1 wrote this message, with no `error` field, for an unmapped ARN.
    static let unmappedMessageV01 = "access denied because ARN is not mapped"

    var time: String?
    /// The offset of the time value in the line, for the error when it does not parse.
    var timeOffset = 0
    var level: String?
    var message: String?
    var values: [String: String] = [:]
    var groups: [String]?

    mutating func set(_ key: String, _ value: String, offset: Int) {
        switch key {
        case "time":
            time = value
            timeOffset = offset
        case "level": level = value
        case "msg": message = value
        case "groups": groups = Self.splitGroups(value)
        default: values[key] = value
        }
    }

    /// Splits the `fmt.Sprint` form of a string slice, `[a b]`. Go prints no separator other than
    /// the space, so a group name that contains a space cannot be told apart here.
    static func splitGroups(_ text: String) -> [String] {
        var inner = Substring(text)
        if inner.hasPrefix("["), inner.hasSuffix("]") {
            inner = inner.dropFirst().dropLast()
        }
        return inner.split(separator: " ").map(String.init)
    }

    /// The record for a per-request message, or nil for any other message.
    func record() throws(AuthenticatorLineError) -> AuthenticatorRecord? {
        let kind: AuthenticatorMessage
        switch message {
        case AuthenticatorMessage.stsResponse.rawValue?: kind = .stsResponse
        case AuthenticatorMessage.accessGranted.rawValue?: kind = .accessGranted
        case AuthenticatorMessage.accessDenied.rawValue?, Self.unmappedMessageV01?: kind = .accessDenied
        default: return nil
        }

        var record = AuthenticatorRecord(message: kind)
        if let time {
            guard let parsed = TimestampParser.parse(time) else {
                throw AuthenticatorLineError(.invalidTimestamp, offset: timeOffset)
            }
            record.time = parsed
        }
        record.level = level
        record.client = values["client"]
        record.arn = values["arn"]
        record.accessKeyID = values["accesskeyid"]
        record.accountID = values["accountid"]
        record.sessionName = values["session"]
        record.userID = values["userid"]
        record.username = values["username"]
        record.uid = values["uid"]
        record.groups = groups
        record.error = values["error"]
        record.stsEndpoint = values["stsendpoint"] ?? values["sts"]
        if message == Self.unmappedMessageV01, record.error == nil {
            record.error = "ARN is not mapped"
        }
        return record
    }
}
