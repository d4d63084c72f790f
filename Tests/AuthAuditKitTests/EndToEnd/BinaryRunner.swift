import Foundation

/// The outcome of running the built `authaudit` binary.
struct BinaryResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs the `authaudit` executable that `swift build` / `swift test` produced, as a child process.
enum BinaryRunner {
    /// The built binary, next to the test bundle in the build products folder.
    static let executable: URL = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("authaudit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/authaudit")
    }()

    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], standardInput: Data? = nil
    ) throws -> BinaryResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory {
            process.currentDirectoryURL = directory
        }
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment.removeValue(forKey: "AUTHAUDIT_DB")
        processEnvironment.removeValue(forKey: "AUTHAUDIT_QUERIES")
        processEnvironment["COLUMNS"] = nil
        for (key, value) in environment {
            processEnvironment[key] = value
        }
        process.environment = processEnvironment

        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        try process.run()

        // Drain both pipes concurrently so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var output = Data()
        nonisolated(unsafe) var errors = Data()
        group.enter()
        DispatchQueue.global().async {
            output = outputPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errors = errorPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let standardInput {
            inputPipe.fileHandleForWriting.write(standardInput)
        }
        try inputPipe.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return BinaryResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errors, as: UTF8.self))
    }
}
