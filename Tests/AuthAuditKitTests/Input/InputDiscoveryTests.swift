import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct InputDiscoveryTests {
    /// Creates empty files (and their folders) under `directory`.
    private func touch(_ names: [String], in directory: TemporaryDirectory) throws {
        for name in names {
            let url = directory.url.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(name.utf8).write(to: url)
        }
    }

    /// Returns the discovered inputs as paths relative to `directory`.
    private func relativePaths(_ discovered: DiscoveredInputs, in directory: TemporaryDirectory) -> [String] {
        discovered.inputs.map { input in
            let path = input.path
            let prefix = directory.url.path + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
    }

    @Test func lumberjackBackupsOldestFirst() throws {
        let directory = try TemporaryDirectory()
        try touch(
            [
                "audit.log",
                "audit-2024-05-02T00-00-00.001.log.gz",
                "audit-2024-05-01T09-16-57.416.log",
                "audit-2024-04-30T23-59-59.999.log.gz",
            ], in: directory)

        let discovered = try InputDiscovery.discover([directory.url.path])

        #expect(
            relativePaths(discovered, in: directory) == [
                "audit-2024-04-30T23-59-59.999.log.gz",
                "audit-2024-05-01T09-16-57.416.log",
                "audit-2024-05-02T00-00-00.001.log.gz",
                "audit.log",
            ])
        #expect(discovered.diagnostics.isEmpty)
    }

    @Test func logrotateNumbersHighestFirst() throws {
        let directory = try TemporaryDirectory()
        try touch(["audit.log", "audit.log.1", "audit.log.2.gz", "audit.log.10.gz", "audit.log.3.gz"], in: directory)

        let discovered = try InputDiscovery.discover([directory.url.path])

        #expect(
            relativePaths(discovered, in: directory) == [
                "audit.log.10.gz", "audit.log.3.gz", "audit.log.2.gz", "audit.log.1", "audit.log",
            ])
    }

    @Test func logrotateDatesOldestFirst() throws {
        let directory = try TemporaryDirectory()
        try touch(["audit.log-20240502.gz", "audit.log", "audit.log-20240430", "audit.log-20240501.gz"], in: directory)

        let discovered = try InputDiscovery.discover([directory.url.path])

        #expect(
            relativePaths(discovered, in: directory) == [
                "audit.log-20240430", "audit.log-20240501.gz", "audit.log-20240502.gz", "audit.log",
            ])
    }

    @Test func setsAndOtherFilesByName() throws {
        let directory = try TemporaryDirectory()
        try touch(
            [
                "zz-notes.txt", "authenticator.log", "authenticator.log.1", "audit.log",
                "audit-2024-05-01T09-16-57.416.log", "000001.gz", "000000.gz",
            ], in: directory)

        let discovered = try InputDiscovery.discover([directory.url.path])

        #expect(
            relativePaths(discovered, in: directory) == [
                "000000.gz", "000001.gz", "audit-2024-05-01T09-16-57.416.log", "audit.log",
                "authenticator.log.1", "authenticator.log", "zz-notes.txt",
            ])
    }

    @Test func compressedCopyOfBackupSkipped() throws {
        let directory = try TemporaryDirectory()
        try touch(
            ["audit-2024-05-01T09-16-57.416.log", "audit-2024-05-01T09-16-57.416.log.gz", "audit.log"],
            in: directory)

        let discovered = try InputDiscovery.discover([directory.url.path])

        #expect(relativePaths(discovered, in: directory) == ["audit-2024-05-01T09-16-57.416.log", "audit.log"])
        #expect(
            discovered.skipped == [
                SkippedInput(
                    path: directory.path("audit-2024-05-01T09-16-57.416.log.gz"),
                    reason: .compressedCopy(of: directory.path("audit-2024-05-01T09-16-57.416.log")))
            ])
    }

    @Test func recursionFilesBeforeSubfoldersHiddenSkipped() throws {
        let directory = try TemporaryDirectory()
        try touch(
            [
                "b/audit.log", "b/audit.log.1", "a/z/deep.log", "a/top.log", "root.log",
                ".hidden.log", ".git/config", "a/.cache/x.log",
            ], in: directory)

        let discovered = try InputDiscovery.discover([directory.url.path])

        #expect(
            relativePaths(discovered, in: directory) == [
                "root.log", "a/top.log", "a/z/deep.log", "b/audit.log.1", "b/audit.log",
            ])
    }

    @Test func argumentsKeepOrderAndHiddenFileGivenExplicitly() throws {
        let directory = try TemporaryDirectory()
        try touch(["second.log", "first/one.log", ".explicit.log"], in: directory)

        let discovered = try InputDiscovery.discover([
            directory.path("second.log"), "-", directory.path("first"), directory.path(".explicit.log"),
        ])

        #expect(relativePaths(discovered, in: directory) == ["second.log", "-", "first/one.log", ".explicit.log"])
        #expect(discovered.inputs[1] == .standardInput)
    }

    @Test func standardInputTwiceRejected() {
        #expect(throws: InputDiscoveryError.standardInputRepeated) {
            try InputDiscovery.discover(["-", "-"])
        }
    }

    @Test func missingPathIsDiagnosticAndRestProceeds() throws {
        let directory = try TemporaryDirectory()
        try touch(["present.log"], in: directory)
        let missing = directory.path("missing.log")

        let discovered = try InputDiscovery.discover([missing, directory.path("present.log")])

        #expect(relativePaths(discovered, in: directory) == ["present.log"])
        #expect(discovered.diagnostics == [Diagnostic(severity: .error, source: missing, problem: .notFound)])
    }

    @Test func danglingLinkInFolderIsDiagnostic() throws {
        let directory = try TemporaryDirectory()
        try touch(["real.log"], in: directory)
        try FileManager.default.createSymbolicLink(atPath: directory.path("broken.log"), withDestinationPath: "nowhere")

        let discovered = try InputDiscovery.discover([directory.url.path])

        #expect(relativePaths(discovered, in: directory) == ["real.log"])
        #expect(discovered.diagnostics.map(\.problem) == [.notFound])
        #expect(discovered.diagnostics.map(\.source) == [directory.path("broken.log")])
    }

    @Test func symlinkLoopWalkedOnce() throws {
        let directory = try TemporaryDirectory()
        try touch(["logs/audit.log"], in: directory)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path("logs/loop"), withDestinationPath: directory.path("logs"))

        let discovered = try InputDiscovery.discover([directory.path("logs")])

        #expect(relativePaths(discovered, in: directory) == ["logs/audit.log"])
        #expect(discovered.diagnostics.isEmpty)
    }

    @Test func sameFileListedOnce() throws {
        let directory = try TemporaryDirectory()
        try touch(["logs/audit.log"], in: directory)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path("alias.log"), withDestinationPath: directory.path("logs/audit.log"))

        let discovered = try InputDiscovery.discover([directory.path("logs"), directory.path("alias.log")])

        #expect(relativePaths(discovered, in: directory) == ["logs/audit.log"])
        #expect(
            discovered.skipped == [
                SkippedInput(path: directory.path("alias.log"), reason: .sameFile(as: directory.path("logs/audit.log")))
            ])
    }

    @Test func pipeInFolderSkippedButGivenPipeKept() throws {
        let directory = try TemporaryDirectory()
        try touch(["audit.log"], in: directory)
        #expect(mkfifo(directory.path("fifo"), 0o600) == 0)

        let walked = try InputDiscovery.discover([directory.url.path])
        let explicit = try InputDiscovery.discover([directory.path("fifo")])

        #expect(relativePaths(walked, in: directory) == ["audit.log"])
        #expect(relativePaths(explicit, in: directory) == ["fifo"])
    }
}

@Suite struct RotatedLogNameTests {
    @Test func lumberjackNameParsed() {
        let name = RotatedLogName(fileName: "kube-apiserver-audit-2024-05-01T09-16-57.416.log.gz")
        #expect(name.liveName == "kube-apiserver-audit.log")
        #expect(name.scheme == .lumberjackBackup)
        #expect(name.rotationTime == "2024-05-01T09-16-57.416")
        #expect(name.isCompressed)
    }

    @Test func lumberjackNameWithoutExtension() {
        let name = RotatedLogName(fileName: "audit-2024-05-01T09-16-57.416")
        #expect(name.liveName == "audit")
        #expect(name.scheme == .lumberjackBackup)
    }

    @Test func numberedAndDatedNamesParsed() {
        let numbered = RotatedLogName(fileName: "audit.log.12.gz")
        let dated = RotatedLogName(fileName: "audit.log-2024050113")

        #expect(numbered.liveName == "audit.log")
        #expect(numbered.backupNumber == 12)
        #expect(dated.liveName == "audit.log")
        #expect(dated.rotationTime == "2024050113")
    }

    @Test func compressedLiveJoinsItsSet() {
        let name = RotatedLogName(fileName: "audit.log.gz")
        #expect(name.liveName == "audit.log")
        #expect(name.scheme == .live)
    }

    @Test func exportObjectNameIsNotABackup() {
        let name = RotatedLogName(fileName: "000001.gz")
        #expect(name.scheme == .live)
        #expect(name.liveName == "000001")
    }
}
