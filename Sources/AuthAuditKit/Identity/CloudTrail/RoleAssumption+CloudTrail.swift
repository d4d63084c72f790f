extension RoleAssumption {
    /// Builds a role assumption from the fields of a successful STS record.
    ///
    /// - Parameter buffer: The bytes the field ranges point into.
    /// - Throws: `CloudTrailRecordError` when the time, the role ARN, the assumed-role ARN or the session name
    ///   is missing or invalid.
    init(
        fields: CloudTrailRecordFields, event: RoleAssumptionEvent, buffer: UnsafeRawBufferPointer,
        source: String, line: Int, recordIndex: Int
    ) throws(CloudTrailRecordError) {
        guard let timeText = fields.eventTime else { throw .missingField("eventTime") }
        guard let time = TimestampParser.parse(timeText) else { throw .invalidEventTime(timeText) }
        let request = try Self.tree(fields.requestParameters, in: buffer)
        let response = try Self.tree(fields.responseElements, in: buffer)
        let identity = try Self.tree(fields.userIdentity, in: buffer)

        guard let requestedRoleARN = request?["roleArn"]?.nonEmptyString else {
            throw .missingField("requestParameters.roleArn")
        }
        guard let assumedRoleARN = response?[["assumedRoleUser", "arn"]]?.nonEmptyString else {
            throw .missingField("responseElements.assumedRoleUser.arn")
        }
        guard let sessionName = request?["roleSessionName"]?.nonEmptyString ?? ARN(assumedRoleARN)?.sessionName
        else { throw .missingField("requestParameters.roleSessionName") }

        var session = AssumedRoleSession(
            roleARN: Self.canonicalRoleARN(assumedRoleARN: assumedRoleARN, requestedRoleARN: requestedRoleARN),
            requestedRoleARN: requestedRoleARN, sessionName: sessionName, assumedRoleARN: assumedRoleARN)
        session.assumedRoleID = response?[["assumedRoleUser", "assumedRoleId"]]?.nonEmptyString
        session.accessKeyID = response?[["credentials", "accessKeyId"]]?.nonEmptyString
        session.sourceIdentity =
            request?["sourceIdentity"]?.nonEmptyString ?? response?["sourceIdentity"]?.nonEmptyString
        session.durationSeconds = request?["durationSeconds"]?.integer
        session.expiration = response?[["credentials", "expiration"]]?.nonEmptyString.flatMap(
            CloudTrailExpiration.parse)

        self.init(
            eventTime: time, eventName: event, eventID: fields.eventID, session: session,
            caller: Self.caller(identity, response: response, event: event), source: source, line: line,
            recordIndex: recordIndex)
    }

    private static func caller(
        _ identity: CloudTrailJSONValue?, response: CloudTrailJSONValue?, event: RoleAssumptionEvent
    ) -> CloudTrailCaller {
        var caller = CloudTrailCaller(type: identity?["type"]?.nonEmptyString)
        caller.arn = identity?["arn"]?.nonEmptyString
        caller.principalID = identity?["principalId"]?.nonEmptyString
        caller.accessKeyID = identity?["accessKeyId"]?.nonEmptyString
        caller.userName = identity?["userName"]?.nonEmptyString
        caller.accountID = identity?["accountId"]?.nonEmptyString
        caller.sessionIssuerARN = identity?[["sessionContext", "sessionIssuer", "arn"]]?.nonEmptyString
        caller.sourceIdentity = identity?[["sessionContext", "sourceIdentity"]]?.nonEmptyString
        caller.invokedBy = identity?["invokedBy"]?.nonEmptyString
        caller.identityProvider = identity?["identityProvider"]?.nonEmptyString
        caller.onBehalfOfUserID = identity?[["onBehalfOf", "userId"]]?.nonEmptyString
        switch event {
        case .assumeRoleWithSAML:
            caller.federatedSubject = response?["subject"]?.nonEmptyString ?? caller.userName
        case .assumeRoleWithWebIdentity:
            caller.federatedSubject = response?["subjectFromWebIdentityToken"]?.nonEmptyString ?? caller.userName
        case .assumeRole:
            break
        }
        return caller
    }

    /// The role as aws-iam-authenticator canonicalizes the session's STS ARN (no path), or, when that ARN cannot
    /// be canonicalized, the requested role ARN with its path removed.
    private static func canonicalRoleARN(assumedRoleARN: String, requestedRoleARN: String) -> String {
        if let canonical = try? ARN.canonicalize(assumedRoleARN) { return canonical.description }
        return ARN(requestedRoleARN)?.strippingRolePath().description ?? requestedRoleARN
    }

    /// Decodes an already validated value range; `null` and absent values give nil.
    private static func tree(
        _ range: JSONValueRange?, in buffer: UnsafeRawBufferPointer
    ) throws(CloudTrailRecordError) -> CloudTrailJSONValue? {
        guard let range else { return nil }
        var cursor = JSONCursor(UnsafeRawBufferPointer(rebasing: buffer[0..<range.end]), offset: range.start)
        let value: CloudTrailJSONValue
        do {
            value = try cursor.decodeCloudTrailValue()
        } catch let error as JSONSyntaxError {
            throw .invalidJSON(error)
        } catch {
            preconditionFailure("the JSON cursor throws only JSONSyntaxError: \(error)")
        }
        return value == .null ? nil : value
    }
}
