/// A way CloudWatch Logs wraps EKS control-plane log messages, as detected from the start of an input.
public enum EnvelopeKind: String, Sendable, CaseIterable {
    /// Lines of a `CreateExportTask` object in S3: `2023-03-23T15:00:41.719Z <message>`.
    case exportLines
    /// Subscription-filter payloads as Firehose writes them to S3: `DATA_MESSAGE` and `CONTROL_MESSAGE`
    /// JSON objects, back to back (`}{`) or separated by whitespace.
    case subscriptionEnvelopes
    /// Output of `aws logs filter-log-events` or `aws logs get-log-events`: `{"events":[…],…}`, one or
    /// more pages.
    case logEventsPages
    /// Text output of `aws logs tail`: `2023-03-23T15:00:41.719000+00:00 <logStreamName> <message>`.
    case tailText
    /// Logs Insights results exported as a JSON array of objects with `@timestamp`, `@logStream` and
    /// `@message`.
    case insightsJSON
    /// Logs Insights results exported as CSV (RFC 4180) with a header row naming `@message`.
    case insightsCSV
}
