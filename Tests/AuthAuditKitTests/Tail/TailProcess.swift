import Foundation
import Glibc
import Testing

/// A running `authaudit tail` child process whose standard output and error are collected as they arrive.
final class TailProcess: @unchecked Sendable {
    private let process = Process()
    private let inputPipe = Pipe()
    private let lock = NSLock()
    // Guarded by `lock`.
    private var output = Data()
    private var errors = Data()
    private var closedStreams = 0

    /// Starts `authaudit tail ARGUMENTS --db STORE --format json` in the sandbox folder.
    init(_ sandbox: EndToEndSandbox, _ arguments: [String]) throws {
        process.executableURL = BinaryRunner.executable
        process.arguments = ["tail"] + arguments + ["--db", sandbox.databasePath, "--format", "json"]
        process.currentDirectoryURL = sandbox.directory.url
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "AUTHAUDIT_DB")
        process.environment = environment

        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        for (pipe, isErrors) in [(outputPipe, false), (errorPipe, true)] {
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                if data.isEmpty {
                    handle.readabilityHandler = nil
                }
                self?.append(data, toErrors: isErrors)
            }
        }
        try process.run()
    }

    private func append(_ data: Data, toErrors: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if data.isEmpty {
            closedStreams += 1
        } else if toErrors {
            errors.append(data)
        } else {
            output.append(data)
        }
    }

    /// The `auditID` of every complete output line so far, in output order.
    var printedAuditIDs: [String] {
        lock.lock()
        let data = output
        lock.unlock()
        var ids: [String] = []
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let last = line.last, last == UInt8(ascii: "}"),
                let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            else { continue }
            ids.append(object["auditID"] as? String ?? "")
        }
        return ids
    }

    /// Every complete output line parsed as a JSON object.
    var printedObjects: [[String: Any]] {
        lock.lock()
        let data = output
        lock.unlock()
        return data.split(separator: 0x0A).compactMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
    }

    var standardError: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: errors, as: UTF8.self)
    }

    /// Writes to the child's standard input.
    func writeInput(_ data: Data) throws {
        try inputPipe.fileHandleForWriting.write(contentsOf: data)
    }

    func closeInput() throws {
        try inputPipe.fileHandleForWriting.close()
    }

    /// Waits until `count` output lines were printed or `seconds` passed; returns whether they were.
    @discardableResult
    func waitForOutput(count: Int, seconds: Double = 60) -> Bool {
        Deadline.wait(seconds: seconds) { self.printedAuditIDs.count >= count }
    }

    /// Sends `signal` without waiting.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Sends `signal` and waits for the child to exit. Returns its exit status, or nil when it died by a
    /// signal or did not exit within the deadline.
    func stop(with signal: Int32 = SIGTERM) -> Int32? {
        kill(process.processIdentifier, signal)
        guard Deadline.wait(seconds: 15, { !self.process.isRunning }) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return exitStatus()
    }

    /// Waits for the child to exit by itself, as it does at the end of standard input.
    func waitForExit(seconds: Double = 15) -> Int32? {
        guard Deadline.wait(seconds: seconds, { !self.process.isRunning }) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return exitStatus()
    }

    /// Waits for the end of both output pipes, so the last lines are collected, and returns the exit status.
    private func exitStatus() -> Int32? {
        process.waitUntilExit()
        Deadline.wait(seconds: 5) {
            lock.lock()
            defer { lock.unlock() }
            return closedStreams == 2
        }
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Polling with a deadline, so tests wait for an outcome without using sleeps as assertions.
enum Deadline {
    /// Calls `condition` every 20 ms until it returns true or `seconds` pass; returns its last result.
    @discardableResult
    static func wait(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() {
                return true
            }
            usleep(20_000)
        }
        return try condition()
    }
}
