import Glibc

/// The loop of `authaudit tail`: polls the followed files and standard input, stores what they add with
/// the files' checkpoints in one transaction, and prints the requests that completed.
///
/// A transaction normally contains one poll. While a backlog is read (a poll stopped at `maximumBytesPerPoll`),
/// further polls join the open transaction until `maximumBatchDuration` has passed, because with random
/// auditIDs each commit writes about one index page per request and fewer, larger commits write fewer
/// pages twice.
///
/// Output is written after the commit and flushed at once. A kill between the two loses those output
/// lines but no stored row; printing first would print them again after the restart instead.
final class TailSession {
    private let store: AuditStore
    private let settings: TailSettings
    private let follower: LogFollower?
    private let standardInput: StandardInputLines?
    private let recorder: TailRecorder
    private let lookup: TailIdentityLookup
    private let checkpointTable: CheckpointTable
    private let renderer: TailRenderer
    private let signals: SignalPipe
    private let watcher: InotifyWatcher?
    private let walCheckpointer: TailWALCheckpointer?
    private var checkpoints = TailCheckpoints()
    private let clock = ContinuousClock()
    /// Counts for the message on standard error at the end.
    private(set) var linesRead = 0
    private(set) var requestsPrinted = 0
    var linesSkipped: Int {
        recorder.skippedLines
    }

    init(store: AuditStore, settings: TailSettings, lookup: TailIdentityLookup) throws {
        self.store = store
        self.settings = settings
        self.lookup = lookup
        checkpointTable = try CheckpointTable(connection: store.connection)
        let clusterID = try settings.cluster.map { try store.clusterID(named: $0) }
        recorder = try TailRecorder(store: store, lookup: lookup, clusterID: clusterID)
        renderer = TailRenderer(format: settings.format, usesColor: settings.usesColor)
        signals = try SignalPipe(signals: [SIGINT, SIGTERM, SIGHUP])
        if settings.paths.isEmpty {
            follower = nil
            watcher = nil
        } else {
            let options = LogFollower.Options(
                startPosition: settings.startPosition, pollInterval: settings.pollInterval,
                maximumLineLength: settings.maximumLineLength, maximumBytesPerPoll: settings.maximumBytesPerPoll)
            let follower = LogFollower(paths: settings.paths, options: options)
            follower.restore(checkpoints: try checkpointTable.load())
            self.follower = follower
            watcher = InotifyWatcher()
        }
        standardInput = settings.readsStandardInput
            ? StandardInputLines(maximumLineLength: settings.maximumLineLength) : nil
        if store.connection.path == ":memory:" {
            walCheckpointer = nil
        } else {
            try store.connection.execute(
                "PRAGMA wal_autocheckpoint = \(TailWALCheckpointer.fallbackAutocheckpointPages)")
            walCheckpointer = try TailWALCheckpointer(
                path: store.connection.path, interval: settings.walCheckpointInterval)
        }
    }

    deinit {
        walCheckpointer?.stop()
    }

    /// Runs until SIGINT or SIGTERM, or until standard input ends when no file is followed.
    ///
    /// - Parameter reload: Called on SIGHUP, to read the mapping inputs into the store again.
    func run(reload: () throws -> Void) throws {
        var lastBatch = clock.now - settings.minimumBatchInterval
        while true {
            watcher?.watch(settings.paths)
            if try storeBatch() {
                lastBatch = clock.now
            }

            var stops = false
            for signal in signals.takeSignals() {
                if signal == SIGHUP {
                    // A failed reload keeps the mappings loaded before, so following goes on.
                    do {
                        try reload()
                        try lookup.reload(store: store)
                        Console.error(
                            settings.mappingInputs.isEmpty
                                ? "authaudit tail: reloaded the mappings from the store (SIGHUP; no --mapping inputs to read)"
                                : "authaudit tail: reloaded the mapping inputs (SIGHUP)")
                    } catch {
                        store.rollbackBatch()
                        Console.error("authaudit tail: reloading the mapping inputs failed: \(ErrorRenderer.describe(error))")
                    }
                } else {
                    stops = true
                }
            }
            if stops {
                // Standard input has no checkpoint, so what it already sent is stored before exiting.
                if standardInput?.isAtEnd == false {
                    _ = try storeBatch(isStopping: true)
                }
                return
            }
            if follower == nil && standardInput?.isAtEnd ?? true {
                return
            }
            if follower?.hasUnreadBytes == true {
                continue
            }
            wait(since: lastBatch)
        }
    }

    /// Polls, stores the lines and the changed checkpoints in one transaction, commits, then prints.
    /// Returns whether any line was read.
    ///
    /// - Parameter isStopping: Set for the last batch before exiting. Standard input is then read until
    ///   nothing more is waiting, and its unfinished last line is read as a line.
    private func storeBatch(isStopping: Bool = false) throws -> Bool {
        let started = clock.now
        var batch = Batch()
        var isOpen = false

        do {
            repeat {
                let fileLines = follower?.poll() ?? []
                var skipped = takeNotices()
                let inputLines = isStopping ? readRemainingInput() : readInput()
                if let code = standardInput?.takeReadError() {
                    skipped.add(Diagnostic(severity: .error, source: "<stdin>", problem: .unreadable(errno: code)))
                }
                let changed =
                    follower.map {
                        checkpoints.changes(lines: fileLines, skipped: skipped.tooLongLines, follower: $0)
                    } ?? []
                if fileLines.isEmpty && inputLines.isEmpty && changed.isEmpty && skipped.isEmpty {
                    break
                }
                if !isOpen {
                    try store.beginBatch()
                    isOpen = true
                }
                try store(
                    fileLines: fileLines, skipped: skipped, inputLines: inputLines, changed: changed, into: &batch)
                batch.polls += 1
            } while follower?.hasUnreadBytes == true && batch.polls < settings.maximumPollsPerBatch
                && clock.now - started < settings.maximumBatchDuration
            if isOpen {
                try store.commitBatch()
            }
        } catch {
            store.rollbackBatch()
            throw error
        }
        guard isOpen else { return false }

        for changed in batch.checkpoints {
            checkpoints.markSaved(changed)
        }
        linesRead += batch.lineCount
        requestsPrinted += batch.requestCount
        Console.out(batch.output)
        Console.flush()
        recorder.printDiagnostics(isVerbose: settings.isVerbose)
        return batch.lineCount > 0
    }

    /// Stores the lines of one poll and its changed checkpoints in the open transaction, and renders the
    /// requests they completed into `batch`.
    private func store(
        fileLines: [FollowedLine], skipped: TailSkippedInput, inputLines: [StandardInputLine],
        changed: [(FollowedFileIdentity, Int64, String)], into batch: inout Batch
    ) throws {
        var requests: [TailRequest] = []
        var skipped = skipped
        let skippedLineCount = skipped.tooLongLines.count
        for line in fileLines {
            for tooLong in skipped.removeLines(of: line.fileIdentity.key, endingBy: line.startOffset) {
                try recorder.record(tooLong)
            }
            requests += try recorder.record(line)
        }
        for tooLong in skipped.tooLongLines {
            try recorder.record(tooLong)
        }
        for diagnostic in skipped.inputDiagnostics {
            try recorder.recordInputProblem(diagnostic)
        }
        for line in inputLines {
            let origin = TailRecorder.Origin(key: .standardInput, path: "<stdin>", lineNumber: line.number)
            switch line.content {
            case .bytes(let bytes):
                requests += try recorder.record(bytes, from: origin)
            case .tooLong(let length):
                try recorder.recordTooLongLine(length: length, maximum: settings.maximumLineLength, from: origin)
            }
        }
        // A checkpoint row may be written again by a later poll of the same batch; the last write wins.
        let now = Clock.now()
        for (identity, offset, path) in changed {
            try checkpointTable.save(identity, offset: offset, path: path, at: now)
        }
        // The output is rendered before the commit, so that only one write(2) follows it.
        for request in requests where settings.filter.matches(request) {
            renderer.render(request, into: &batch.output)
            batch.requestCount += 1
        }
        batch.lineCount += fileLines.count + skippedLineCount + inputLines.count
        batch.checkpoints.append(changed)
    }

    /// The output and counts of one transaction, printed and added to the totals once it is committed.
    private struct Batch {
        var output = ""
        var polls = 0
        var lineCount = 0
        var requestCount = 0
        /// The checkpoint rows of each poll, in poll order.
        var checkpoints: [[(FollowedFileIdentity, Int64, String)]] = []
    }

    /// Waits for a signal, an inotify event, standard input or the poll interval, whichever comes first,
    /// but not less than the minimum batch interval after the last poll that read lines.
    private func wait(since lastBatch: ContinuousClock.Instant) {
        var descriptors = [pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0)]
        if let watcher {
            descriptors.append(pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0))
        }
        if let standardInput, !standardInput.isAtEnd {
            descriptors.append(pollfd(fd: standardInput.descriptor, events: Int16(POLLIN), revents: 0))
        }
        let timeout = follower == nil ? -1 : Int32(Self.milliseconds(settings.pollInterval))
        _ = poll(&descriptors, nfds_t(descriptors.count), timeout)
        watcher?.drain()

        // A fast writer wakes the loop on every write; waiting out the batch interval gathers its lines.
        let earliest = lastBatch + settings.minimumBatchInterval
        let now = clock.now
        if now < earliest {
            var none: [pollfd] = [pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0)]
            _ = poll(&none, 1, Int32(Self.milliseconds(earliest - now)) + 1)
        }
    }

    /// Reads standard input when it has bytes waiting, without blocking.
    private func readInput() -> [StandardInputLine] {
        guard let standardInput, !standardInput.isAtEnd, isReadable(standardInput.descriptor) else {
            return []
        }
        return standardInput.read()
    }

    /// Reads standard input until nothing more is waiting, or up to about `maximumBytesPerPoll` bytes, then
    /// ends it. The unfinished last line is read as a line, because no later run can read the rest of it.
    private func readRemainingInput() -> [StandardInputLine] {
        guard let standardInput, !standardInput.isAtEnd else {
            return []
        }
        var lines: [StandardInputLine] = []
        var bytesLeft = settings.maximumBytesPerPoll
        while bytesLeft > 0 && !standardInput.isAtEnd && isReadable(standardInput.descriptor) {
            lines += standardInput.read()
            bytesLeft -= StandardInputLines.readSize
        }
        return lines + standardInput.finish()
    }

    private func isReadable(_ descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    /// Prints the follower's notices, except those of skipped input, which it returns for the transaction.
    private func takeNotices() -> TailSkippedInput {
        var skipped = TailSkippedInput()
        guard let follower else { return skipped }
        for notice in skipped.take(follower.takeNotices()) {
            if let text = TailNoticeText.describe(notice, isVerbose: settings.isVerbose) {
                Console.error("authaudit tail: " + text)
            }
        }
        return skipped
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
