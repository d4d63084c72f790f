import Testing

@testable import AuthAuditKit

@Suite struct ARNTests {
    @Test func parsesSixFields() throws {
        let arn = try #require(ARN("arn:aws:sts::123456789012:assumed-role/Admin/jane@corp.example"))
        #expect(arn.partition == "aws")
        #expect(arn.service == "sts")
        #expect(arn.region == "")
        #expect(arn.account == "123456789012")
        #expect(arn.resource == "assumed-role/Admin/jane@corp.example")
    }

    @Test(arguments: ["", "arn:aws:iam", "urn:aws:iam::1:role/x", "arn:aws:iam::123"])
    func rejectsNonARN(text: String) {
        #expect(ARN(text) == nil)
    }

    @Test(arguments: [
        ("arn:aws:sts::123456789012:assumed-role/Admin/jane", "arn:aws:iam::123456789012:role/Admin"),
        (
            "arn:aws-cn:sts::123456789012:assumed-role/Admin/1529910544824263459",
            "arn:aws-cn:iam::123456789012:role/Admin"
        ),
        ("arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Admin"),
        ("arn:aws:iam::123456789012:user/division/bob", "arn:aws:iam::123456789012:user/division/bob"),
        ("arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root"),
        ("arn:aws:sts::123456789012:federated-user/bob", "arn:aws:sts::123456789012:federated-user/bob"),
        ("arn:eusc:sts::123456789012:assumed-role/R/s", "arn:eusc:iam::123456789012:role/R"),
        ("arn:aws-iso-f:iam::123456789012:role/R", "arn:aws-iso-f:iam::123456789012:role/R"),
    ])
    func canonicalizes(raw: String, canonical: String) throws {
        #expect(try ARN.canonicalize(raw).description == canonical)
    }

    @Test func canonicalizeRejectsUnknownPartition() {
        #expect(throws: ARNCanonicalizationError.unknownPartition("aws-mars")) {
            try ARN.canonicalize("arn:aws-mars:iam::123456789012:role/R")
        }
    }

    @Test func canonicalizeRejectsAssumedRoleWithoutSession() {
        #expect(throws: ARNCanonicalizationError.assumedRoleWithoutRole) {
            try ARN.canonicalize("arn:aws:sts::123456789012:assumed-role/R")
        }
    }

    @Test func canonicalizeRejectsOtherServices() {
        #expect(throws: ARNCanonicalizationError.unsupportedResource(service: "s3", resource: "bucket")) {
            try ARN.canonicalize("arn:aws:s3:::bucket")
        }
    }

    @Test func comparisonIgnoresCase() {
        #expect(ARN.textEqualIgnoringCase("arn:aws:iam::1:role/Admin", "ARN:AWS:IAM::1:ROLE/admin"))
    }

    @Test func rolePathIsStripped() throws {
        let arn = try #require(
            ARN(
                "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_Admin_0123456789abcdef"
            ))
        #expect(arn.rolePath == "aws-reserved/sso.amazonaws.com/eu-west-2")
        #expect(
            arn.strippingRolePath().description
                == "arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_0123456789abcdef")
    }

    @Test func userPathIsKeptByStripping() throws {
        let arn = try #require(ARN("arn:aws:iam::123456789012:user/division/bob"))
        #expect(arn.strippingRolePath() == arn)
        #expect(arn.userName == "division/bob")
    }

    @Test func roleAndSessionNames() throws {
        let arn = try #require(ARN("arn:aws:sts::123456789012:assumed-role/Admin/jane@corp.example"))
        #expect(arn.roleName == "Admin")
        #expect(arn.sessionName == "jane@corp.example")
        #expect(try arn.canonical().roleName == "Admin")
        #expect(try arn.canonical().sessionName == nil)
    }
}

@Suite struct SSORoleNameTests {
    @Test(arguments: [
        ("AWSReservedSSO_DatabaseAdministrator_1234567890abcdef", "DatabaseAdministrator"),
        ("AWSReservedSSO_devops_admin_595c0f4da82205f0", "devops_admin"),
        ("AWSReservedSSO_a_b_c_0123456789ABCDEF", "a_b_c"),
    ])
    func permissionSetFromRoleName(roleName: String, permissionSet: String) {
        #expect(SSORoleName.permissionSetName(roleName: roleName) == permissionSet)
    }

    @Test(arguments: [
        "Admin", "AWSReservedSSO_Admin", "AWSReservedSSO_Admin_0123", "AWSReservedSSO__0123456789abcdef",
        "AWSReservedSSO_Admin_0123456789abcdeg",
    ])
    func otherRoleNamesHaveNoPermissionSet(roleName: String) {
        #expect(SSORoleName.permissionSetName(roleName: roleName) == nil)
    }

    @Test(arguments: [
        "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_Admin_0123456789abcdef",
        "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef",
        "arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_0123456789abcdef",
        "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/jane@corp.example",
    ])
    func permissionSetFromARN(text: String) throws {
        let arn = try #require(ARN(text))
        #expect(SSORoleName.permissionSetName(arn: arn) == "Admin")
    }

    @Test func foreignPathIsNotSSO() throws {
        let arn = try #require(ARN("arn:aws:iam::123456789012:role/team/AWSReservedSSO_Admin_0123456789abcdef"))
        #expect(SSORoleName.permissionSetName(arn: arn) == nil)
    }
}

@Suite struct SessionNameClassifierTests {
    @Test(arguments: [
        ("1529910544824263459", SessionNameKind.sdkTimestamp),
        ("EKSGetTokenAuth", .eksGetToken),
        ("botocore-session-1669660343", .botocore),
        ("i-0e6c1f51d6dd34b3f", .instance),
        ("i-0e6c1f51", .instance),
        ("", .none),
        ("jane@corp.example", .person),
        ("jane.doe", .person),
        ("sysadmin", .person),
        ("152991054482426345", .person),
        ("botocore-session-16696603", .person),
        ("i-0e6c1f51d6dd34b3", .person),
        ("i-zzzzzzzz", .person),
    ])
    func classifies(name: String, kind: SessionNameKind) {
        #expect(SessionNameClassifier.classify(name) == kind)
    }

    @Test func sdkTimestampDecodesMintTime() throws {
        let time = try #require(SessionNameClassifier.sdkTimestamp("1529910544824263459"))
        #expect(TimestampFormatter.formatSeconds(time) == "2018-06-25T07:09:04Z")
    }

    @Test func botocoreTimestampDecodes() throws {
        let time = try #require(SessionNameClassifier.botocoreTimestamp("botocore-session-1669660343"))
        #expect(TimestampFormatter.formatSeconds(time) == "2022-11-28T18:32:23Z")
    }
}
