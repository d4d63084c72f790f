import Foundation

/// One kube-apiserver audit event (`audit.k8s.io/v1`, level `Metadata`) as a JSON line ending in LF,
/// shaped like the events a `list pods` request produces.
struct AuditEventLine {
    var auditID: String
    var stage = "ResponseComplete"
    /// The raw bytes of `user.username`, so a test can put invalid UTF-8 inside the JSON string.
    var username: [UInt8] = Array("alice".utf8)
    /// `impersonatedUser.username`; nil leaves `impersonatedUser` out.
    var impersonatedUsername: String?
    /// `responseStatus.code`; nil leaves `responseStatus` out, as in a `RequestReceived` event.
    var code: Int? = 200
    var receivedAt = "2024-05-01T08:00:00.000000Z"
    var stageAt = "2024-05-01T08:00:00.250000Z"
    /// Extra text inside the `userAgent` string (plain ASCII), to make lines long or hard to compress.
    var userAgentSuffix = ""

    init(auditID: String) {
        self.auditID = auditID
    }

    /// A version 4 UUID whose last group is `number` in decimal, such as `…-000000000007`.
    static func auditID(_ number: Int) -> String {
        let digits = String(number)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    var data: Data {
        var text = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":""#
        text += auditID
        text += #"","stage":""# + stage
        text += #"","requestURI":"/api/v1/namespaces/default/pods","verb":"list","user":{"username":""#
        var bytes = Array(text.utf8)
        bytes += username
        text = #"","groups":["system:authenticated"]},"#
        if let impersonatedUsername {
            text += #""impersonatedUser":{"username":"\#(impersonatedUsername)"},"#
        }
        text += #""sourceIPs":["10.0.0.1"],"#
        text += #""userAgent":"kubectl/v1.30.0"# + userAgentSuffix + #"","#
        text += #""objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"},"#
        if let code {
            text += #""responseStatus":{"metadata":{},"code":\#(code)},"#
        }
        text += #""requestReceivedTimestamp":"\#(receivedAt)","stageTimestamp":"\#(stageAt)"}"#
        bytes += Array(text.utf8)
        bytes.append(0x0A)
        return Data(bytes)
    }
}

/// Runs `/usr/bin/gzip`, the reference implementation, to make and read test input.
enum GzipTool {
    static let executable = URL(fileURLWithPath: "/usr/bin/gzip")

    /// Compresses `data` into one gzip member without a file name or time stamp in the header (`gzip -c -n`).
    static func compress(_ data: Data) throws -> Data {
        let output = try ChildProcess.run(executable, arguments: ["-c", "-n"], standardInput: data)
        guard output.status == 0 else {
            throw GzipToolError(arguments: ["-c", "-n"], status: output.status)
        }
        return output.standardOutput
    }

    /// Returns what `gzip -dc` writes for the file before it stops. A cut or corrupt file makes gzip
    /// exit with status 1, which this ignores.
    static func decompressedPrefix(ofFile path: String) throws -> Data {
        try ChildProcess.run(executable, arguments: ["-dc", path]).standardOutput
    }
}

struct GzipToolError: Error {
    var arguments: [String]
    var status: Int32
}
