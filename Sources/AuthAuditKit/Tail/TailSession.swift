import Glibc

/// The loop of `authaudit tail`: polls the followed files and standard input, stores what they add with
/// the files' checkpoints in one transaction per poll, and prints the requests that completed.
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
    }

    /// Runs until SIGINT or SIGTERM, or until standard input ends when no file is followed.
    ///
    /// - Parameter reload: Called on SIGHUP, to read the mapping inputs into the store again.
    func run(reload: () throws -> Void) throws {
        var lastBatch = clock.now - settings.minimumBatchInterval
        while true {
            watcher?.watch(settings.paths)
            let fileLines = follower?.poll() ?? []
            reportNotices()
            var inputLines: [[UInt8]] = []
            if let standardInput, !standardInput.isAtEnd, isReadable(standardInput.descriptor) {
                inputLines = standardInput.read()
            }
            if !fileLines.isEmpty || !inputLines.isEmpty || follower != nil {
                try commit(fileLines: fileLines, inputLines: inputLines)
            }
            if !fileLines.isEmpty || !inputLines.isEmpty {
                lastBatch = clock.now
            }

            var stops = false
            for signal in signals.takeSignals() {
                if signal == SIGHUP {
                    // A failed reload keeps the mappings loaded before, so following goes on.
                    do {
                        try reload()
                        try lookup.reload(store: store)
                        Console.error("authaudit tail: reloaded the mapping inputs (SIGHUP)")
                    } catch {
                        store.rollbackBatch()
                        Console.error("authaudit tail: reloading the mapping inputs failed: \(ErrorRenderer.describe(error))")
                    }
                } else {
                    stops = true
                }
            }
            if stops || (follower == nil && standardInput?.isAtEnd ?? true) {
                return
            }
            if follower?.hasUnreadBytes == true {
                continue
            }
            wait(since: lastBatch)
        }
    }

    /// Stores the lines of one poll and the changed checkpoints in one transaction, then prints.
    private func commit(fileLines: [FollowedLine], inputLines: [[UInt8]]) throws {
        let changed = follower.map { checkpoints.changes(lines: fileLines, follower: $0) } ?? []
        guard !fileLines.isEmpty || !inputLines.isEmpty || !changed.isEmpty else { return }
        var output = ""
        try store.beginBatch()
        do {
            var requests: [TailRequest] = []
            for line in fileLines {
                requests += try recorder.record(line)
            }
            for line in inputLines {
                requests += try recorder.record(line, from: .init(key: .standardInput, path: "<stdin>"))
            }
            let now = Clock.now()
            for (identity, offset, path) in changed {
                try checkpointTable.save(identity, offset: offset, path: path, at: now)
            }
            // The output is rendered before the commit, so that only one write(2) follows it.
            for request in requests where settings.filter.matches(request) {
                output += renderer.render(request)
                requestsPrinted += 1
            }
            try store.commitBatch()
        } catch {
            store.rollbackBatch()
            throw error
        }
        checkpoints.markSaved(changed)
        linesRead += fileLines.count + inputLines.count
        Console.out(output)
        Console.flush()
        recorder.printDiagnostics(isVerbose: settings.isVerbose)
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

    private func isReadable(_ descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    private func reportNotices() {
        guard let follower else { return }
        for notice in follower.takeNotices() {
            if let text = TailNoticeText.describe(notice, isVerbose: settings.isVerbose) {
                Console.error("authaudit tail: " + text)
            }
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
