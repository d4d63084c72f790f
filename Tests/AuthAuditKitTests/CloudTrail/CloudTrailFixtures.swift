import Foundation

@testable import AuthAuditKit

/// The CloudTrail fixtures: an S3 delivery (gzip, one compact `{"Records":[…]}` object) and JSON lines.
///
/// The S3 file holds alice's IAM Identity Center sign-in and the `AssumeRole` of `eks-admin` with an SDK
/// timestamp session name that it enabled (in reverse order), a failed call and two other events. The JSON lines
/// hold bob's and carol's `EKSGetTokenAuth` sessions, an IAM user's session, dave's session whose caller is
/// missing, erin re-assuming her SSO role, a web identity session, a line cut short (line 7) and a successful
/// `AssumeRole` without `responseElements` (line 11).
enum CloudTrailFixtures {
    static let s3Path = Fixtures.path(
        "cloudtrail/111122223333_CloudTrail_eu-west-2_20240315T0915Z_Ex4mpleObj3ct.json.gz")
    static let jsonLinesPath = Fixtures.path("cloudtrail/cloudwatch-sts-events.jsonl")

    static let eksAdminRole = "arn:aws:iam::111122223333:role/eks-admin"
    static let ssoRole = "arn:aws:iam::111122223333:role/AWSReservedSSO_PlatformAdmin_0a1b2c3d4e5f6789"
    static let ssoRoleWithPath =
        "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_PlatformAdmin_0a1b2c3d4e5f6789"

    /// The decompressed bytes of a fixture, read the way ingest reads inputs.
    static func bytes(_ path: String) throws -> [UInt8] {
        let stream = try DecompressedStream(path: path)
        var output: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = stream.read(into: buffer)
            if count == 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        return output
    }

    static func s3Result() throws -> CloudTrailParseResult {
        CloudTrailParser.parse(try bytes(s3Path), source: s3Path)
    }

    static func jsonLinesResult() throws -> CloudTrailParseResult {
        CloudTrailParser.parse(try bytes(jsonLinesPath), source: jsonLinesPath)
    }

    static func allAssumptions() throws -> [RoleAssumption] {
        try s3Result().assumptions + jsonLinesResult().assumptions
    }

    static func time(_ text: String) -> Timestamp {
        TimestampParser.parse(text)!
    }
}
