/// The options of `authaudit tail`: the inputs it follows and how it prints requests.
struct TailSettings {
    /// Files and folders to follow; `-` is not among them.
    var paths: [String] = []
    var readsStandardInput = false
    var startPosition: LogFollower.StartPosition = .beginning
    var filter = TailFilter()
    var format: TailRenderer.Format = .text
    var usesColor = false
    /// Inputs read into the store through `ingest` at the start and again on SIGHUP: mappings, directory
    /// exports, SSO assignments, access entries, CloudTrail records, authenticator logs.
    var mappingInputs: [String] = []
    var cluster: String?
    var maximumLineLength = LineBatchReader.defaultMaximumLineLength
    var isVerbose = false
    /// The maximum wait between two polls when nothing wakes the loop earlier.
    var pollInterval: Duration = .milliseconds(250)
    /// The shortest time between two polls that read lines, so a fast writer's lines are stored in
    /// transactions of many rows rather than one transaction per write.
    var minimumBatchInterval: Duration = .milliseconds(20)
    /// The maximum number of content bytes read in one poll. It bounds one transaction and the memory
    /// it needs while a backlog is read.
    var maximumBytesPerPoll = 1024 * 1024
    /// The maximum time that polls keep joining one transaction while a backlog is read. Lines of the
    /// first poll wait at most this long before they are printed.
    var maximumBatchDuration: Duration = .milliseconds(100)
    /// The maximum number of polls in one transaction. It bounds the transaction's output text to about
    /// this many times the output of one poll.
    var maximumPollsPerBatch = 16
    /// How often a background thread copies the write-ahead log into the store file.
    var walCheckpointInterval: Duration = .milliseconds(250)
}
