import Foundation
import Testing

/// The outcome of running the built `authaudit` binary.
struct BinaryResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
    /// The raw standard output, for parsers that take bytes such as `JSONSerialization`.
    var standardOutputData: Data

    /// The non-empty lines of standard error.
    var errorLines: [String] {
        standardError.split(separator: "\n").map(String.init)
    }
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

    /// A configuration folder that does not exist, so reports in the developer's own
    /// `~/.config/authaudit/queries` cannot change what the tests see.
    static let isolatedConfigurationHome = "/nonexistent/authaudit-end-to-end-config"

    /// Runs `authaudit` with `arguments` and returns its exit status and output.
    ///
    /// The child inherits this process's environment without `AUTHAUDIT_DB`, `AUTHAUDIT_QUERIES` and
    /// `COLUMNS`, with `XDG_CONFIG_HOME` pointing nowhere, and then with `environment` applied on top.
    /// A crash of the binary (death by a signal) is recorded as an issue with its standard error.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], standardInput: Data? = nil
    ) throws -> BinaryResult {
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment.removeValue(forKey: "AUTHAUDIT_DB")
        processEnvironment.removeValue(forKey: "AUTHAUDIT_QUERIES")
        processEnvironment.removeValue(forKey: "COLUMNS")
        processEnvironment["XDG_CONFIG_HOME"] = isolatedConfigurationHome
        for (key, value) in environment {
            processEnvironment[key] = value
        }

        let output = try ChildProcess.run(
            executable, arguments: arguments, in: directory, environment: processEnvironment,
            standardInput: standardInput)
        let result = BinaryResult(
            status: output.status,
            standardOutput: String(decoding: output.standardOutput, as: UTF8.self),
            standardError: String(decoding: output.standardError, as: UTF8.self),
            standardOutputData: output.standardOutput)
        if output.wasSignalled {
            let command = "authaudit " + arguments.joined(separator: " ")
            Issue.record("\(command) died by signal \(output.status):\n\(result.standardError)")
        }
        return result
    }
}
