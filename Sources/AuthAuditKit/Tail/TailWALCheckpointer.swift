import Foundation

/// Copies the store's write-ahead log (WAL) into the database file on a background thread, so that the
/// commits of `authaudit tail` do not wait for those writes and their fsync.
///
/// SQLite otherwise runs the checkpoint inside the commit that grows the WAL past `wal_autocheckpoint`
/// pages, on the committing thread, and fsyncs the file there. This thread was added when requests were
/// keyed by their random auditID alone, and each stored request dirtied about one index page (on a
/// 10-million-request store, one 4 KiB page to copy per request). Keyed by receive time first, far
/// fewer pages are dirtied, but the copy and fsync still stay off the commit path. A PASSIVE checkpoint
/// copies beside the writer without taking its lock.
///
/// The writer starts the WAL from its beginning again only after a checkpoint has copied all of it, which a
/// PASSIVE checkpoint on another connection rarely manages while the writer keeps appending. The tail's own
/// connection therefore keeps an autocheckpoint at `fallbackAutocheckpointPages`: it completes, because
/// nothing appends during it, and it copies only the frames added since the last background round.
/// NOTE: the fallback's copy and fsync still run on the commit thread about every 64 MiB of WAL. RESTART
/// checkpoints from this thread, tried instead, made the writer wait for its lock: the median delay at
/// 20,000 lines/s on a 10-million-request store was 20.6 s, against 4.7 to 7.6 s with PASSIVE only.
final class TailWALCheckpointer {
    /// The `wal_autocheckpoint` of the tail's own connection while this checkpointer runs: 64 MiB with 4 KiB
    /// pages, so most pages are copied here first. It is set here as well as by `AuditStore`, so that it
    /// stays large if the store's setting changes.
    static let fallbackAutocheckpointPages = 16384

    private let state = State()
    private let thread: Thread

    /// Opens a second connection to the store at `path` and starts checkpointing every `interval`.
    init(path: String, interval: Duration) throws {
        let transfer = ConnectionTransfer(connection: try SQLiteConnection(path: path, mode: .readWriteCreate))
        let state = self.state
        let seconds = Self.seconds(interval)
        thread = Thread {
            var reportedFailure = false
            while state.waitForStop(seconds: seconds) == false {
                do {
                    try transfer.connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
                } catch {
                    // The commit thread's fallback checkpoint still bounds the WAL, so tail goes on.
                    if !reportedFailure {
                        Console.error("authaudit tail: checkpointing the write-ahead log failed: \(ErrorRenderer.describe(error))")
                        reportedFailure = true
                    }
                }
            }
            state.markFinished()
        }
        thread.name = "authaudit-wal-checkpoint"
        thread.start()
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Stops the thread and waits for it to end. The connection closes with this object.
    func stop() {
        state.stop()
        state.waitUntilFinished()
    }

    /// The stop request and the thread's end. `@unchecked Sendable` is sound because every access to the
    /// two flags happens with `condition` locked.
    private final class State: @unchecked Sendable {
        private let condition = NSCondition()
        private var isStopped = false
        private var isFinished = false

        /// Waits up to `seconds` for `stop`; returns whether it was called.
        func waitForStop(seconds: Double) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            if !isStopped {
                _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
            }
            return isStopped
        }

        func stop() {
            condition.lock()
            isStopped = true
            condition.broadcast()
            condition.unlock()
        }

        func markFinished() {
            condition.lock()
            isFinished = true
            condition.broadcast()
            condition.unlock()
        }

        func waitUntilFinished() {
            condition.lock()
            defer { condition.unlock() }
            while !isFinished {
                condition.wait()
            }
        }
    }
}

/// Hands the checkpoint connection to the background thread. `@unchecked Sendable` is sound because only
/// that thread uses the connection after `TailWALCheckpointer.init`, and `stop` waits for the thread to end
/// before the connection can be released.
private final class ConnectionTransfer: @unchecked Sendable {
    let connection: SQLiteConnection

    init(connection: SQLiteConnection) {
        self.connection = connection
    }
}
