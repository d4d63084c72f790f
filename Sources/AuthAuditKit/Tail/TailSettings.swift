/// What `authaudit tail` follows and how it prints.
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
    /// The longest wait between two polls when nothing wakes the loop earlier.
    var pollInterval: Duration = .milliseconds(250)
    /// The shortest time between two polls that read lines, so a fast writer's lines are stored in
    /// transactions of many rows rather than one transaction per write.
    var minimumBatchInterval: Duration = .milliseconds(20)
    /// The most content bytes read in one poll, which bounds one transaction and the memory it needs
    /// while a backlog is read.
    var maximumBytesPerPoll = 1024 * 1024
    /// The longest time polls keep joining one transaction while a backlog is read. Lines of the first poll
    /// wait this long, at most, before they are printed.
    var maximumBatchDuration: Duration = .milliseconds(100)
    /// The most polls in one transaction, which bounds its output text to about this many times the
    /// output of one poll.
    var maximumPollsPerBatch = 16
    /// How often a background thread copies the write-ahead log into the store file.
    var walCheckpointInterval: Duration = .milliseconds(250)
}
