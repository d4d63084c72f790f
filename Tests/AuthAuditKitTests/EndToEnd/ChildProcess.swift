import Foundation
import Glibc
import Testing

/// The exit status and raw output of a finished child process.
struct ProcessOutput {
    var status: Int32
    /// Whether the child ended by a signal (a crash, or the kill after `ChildProcess.timeout`).
    var wasSignalled: Bool
    var standardOutput: Data
    var standardError: Data
}

/// Runs programs as child processes with all three standard streams connected to pipes.
enum ChildProcess {
    /// Time after which a child is killed and an issue is recorded, so a hung binary fails its test
    /// instead of hanging the whole run. Far above what any end-to-end command needs.
    static let timeout: DispatchTimeInterval = .seconds(120)

    /// A write to a pipe whose reader has exited raises SIGPIPE, which would kill the test process
    /// when a child exits before reading all of its standard input. Ignored once, for the whole process.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Runs `executable` to its end and returns its exit status and output.
    ///
    /// `standardInput` is written in full, then the pipe is closed. When it is nil, the child reads
    /// end-of-file at once. Both output pipes are drained while the child runs, so a child that writes
    /// more than a pipe buffer cannot block.
    static func run(
        _ executable: URL, arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        standardInput: Data? = nil
    ) throws -> ProcessOutput {
        _ = ignoreBrokenPipes

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory {
            process.currentDirectoryURL = directory
        }
        if let environment {
            process.environment = environment
        }

        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        try process.run()

        let output = PipeDrain(outputPipe)
        let errors = PipeDrain(errorPipe)
        let watchdog = Watchdog(processIdentifier: process.processIdentifier, timeout: timeout)

        if let standardInput {
            // A child may exit without reading its input (a usage error, for example); the write then
            // fails with EPIPE, which is not the test's concern.
            try? inputPipe.fileHandleForWriting.write(contentsOf: standardInput)
        }
        try inputPipe.fileHandleForWriting.close()

        let outputData = output.wait()
        let errorData = errors.wait()
        process.waitUntilExit()
        watchdog.cancel()

        if watchdog.fired {
            let command = ([executable.path] + arguments).joined(separator: " ")
            Issue.record("\(command) did not exit within \(timeout) and was killed")
        }
        return ProcessOutput(
            status: process.terminationStatus,
            wasSignalled: process.terminationReason == .uncaughtSignal,
            standardOutput: outputData,
            standardError: errorData)
    }
}

/// Reads one pipe to end-of-file on a background thread.
private final class PipeDrain: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    // Written once by the reading thread before it signals `finished`; read only after waiting on it.
    private var data = Data()

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.finished.signal()
        }
    }

    func wait() -> Data {
        finished.wait()
        return data
    }
}

/// Kills a child process that runs longer than a timeout.
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var isCancelled = false
    private var didFire = false

    /// Schedules the kill. `cancel()` must be called as soon as the child has exited, so that the
    /// identifier cannot be reused by another process before the timeout.
    init(processIdentifier: Int32, timeout: DispatchTimeInterval) {
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            self.lock.lock()
            defer { self.lock.unlock() }
            guard !self.isCancelled else { return }
            self.didFire = true
            kill(processIdentifier, SIGKILL)
        }
    }

    /// Whether the timeout elapsed and the child was killed.
    var fired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return didFire
    }

    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        isCancelled = true
    }
}
