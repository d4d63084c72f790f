import Testing

@testable import AuthAuditKit

@Suite struct IdentityResolverTests {
    private typealias R = AuthenticatorRecords
    private static let account = "111122223333"

    private static let mapping = AwsAuthMapping(
        roles: [
            RoleMapping(
                roleARN: "arn:aws:iam::111122223333:role/AdminRole", username: "adminuser-{{SessionName}}",
                groups: ["system:masters"]),
            RoleMapping(
                roleARN: "arn:aws:iam::111122223333:role/DevRole", username: "devuser:{{SessionName}}", groups: ["dev"]),
            RoleMapping(
                roleARN: "arn:aws:iam::111122223333:role/NodeRole", username: "system:node:{{EC2PrivateDNSName}}",
                groups: ["system:nodes"]),
            RoleMapping(
                roleARN:
                    "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Ops_0123456789abcdef",
                username: "ops:{{SessionNameRaw}}", groups: ["ops"]),
            RoleMapping(roleARN: "arn:aws:iam::111122223333:role/SharedA", username: "shared", groups: []),
            RoleMapping(roleARN: "arn:aws:iam::111122223333:role/SharedB", username: "shared", groups: []),
        ],
        users: [UserMapping(userARN: "arn:aws:iam::111122223333:user/alice", username: "alice", groups: ["ops"])],
        accounts: ["444455556666"])

    private func resolve(_ user: UserInfo, mappings: [AwsAuthMapping] = [mapping], records: [AuthenticatorRecord] = [])
        -> IdentityChain
    {
        IdentityResolver(mappings: mappings, index: AuthenticatorIndex(records: records)).resolve(user)
    }

    private func links(_ chain: IdentityChain, _ kind: IdentityLinkKind) -> [IdentityLink] {
        chain.links.filter { $0.kind == kind }
    }

    // MARK: - user.extra and uid

    @Test func extraSessionNameGivesPerson() {
        let user = UserInfo(
            username: "devuser:jane-corp.example", uid: "aws-iam-authenticator:111122223333:AROADEV",
            extra: [
                "arn": ["arn:aws:sts::111122223333:assumed-role/DevRole/jane@corp.example"],
                "canonicalArn": ["arn:aws:iam::111122223333:role/DevRole"], "sessionName": ["jane@corp.example"],
                "accessKeyId": ["ASIAAAAAAAAAAAAAAAAA"], "principalId": ["AROADEV"],
            ])
        let chain = resolve(user)
        #expect(chain.status == .resolved)
        #expect(chain.value(.person) == "jane@corp.example")
        #expect(chain.value(.iamRole) == "arn:aws:iam::111122223333:role/DevRole")
        #expect(links(chain, .sessionName).first?.source == .userExtra)
        #expect(chain.value(.accessKeyID) == "ASIAAAAAAAAAAAAAAAAA")
        #expect(chain.value(.principalID) == "AROADEV")
        #expect(chain.value(.account) == Self.account)
        #expect(chain.value(.usernameTemplate) == "devuser:{{SessionName}}")
        #expect(chain.value(.mappedGroup) == "dev")
    }

    @Test func extraRawARNAloneIsCanonicalized() {
        let user = UserInfo(
            username: "x",
            extra: [
                "arn": ["arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Ops_0123456789abcdef/bob@corp.example"]
            ])
        let chain = resolve(user, mappings: [])
        #expect(chain.value(.iamRole) == "arn:aws:iam::111122223333:role/AWSReservedSSO_Ops_0123456789abcdef")
        #expect(chain.value(.permissionSet) == "Ops")
        #expect(chain.value(.person) == "bob@corp.example")
    }

    @Test func newPrincipalIdKeyIsRead() {
        let user = UserInfo(username: "x", extra: ["sigs.k8s.io/aws-iam-authenticator/principalId": ["AROANEW"]])
        #expect(resolve(user, mappings: []).value(.principalID) == "AROANEW")
    }

    @Test func sdkTimestampSessionIsPartial() {
        let user = UserInfo(
            username: "kubernetes-admin",
            extra: [
                "canonicalArn": ["arn:aws:iam::123412341234:role/DevAdministrator"],
                "sessionName": ["1669660343296132000"],
            ])
        let chain = resolve(user)
        #expect(chain.status == .partial)
        #expect(chain.value(.person) == nil)
        #expect(chain.reason?.contains("2022-11-28T18:32:23Z") == true)
    }

    @Test(arguments: ["EKSGetTokenAuth", "botocore-session-1669660343", "i-0e6c1f51d6dd34b3f", ""])
    func toolSessionNamesArePartial(session: String) {
        let user = UserInfo(
            username: "u", extra: ["canonicalArn": ["arn:aws:iam::111122223333:role/R"], "sessionName": [session]])
        let chain = resolve(user)
        #expect(chain.status == .partial)
        #expect(chain.value(.person) == nil)
    }

    @Test func iamUserIsPartial() {
        let user = UserInfo(
            username: "alice", uid: "heptio-authenticator-aws:111122223333:AIDAALICE",
            extra: ["arn": ["arn:aws:iam::111122223333:user/alice"], "sessionName": [""]])
        let chain = resolve(user)
        #expect(chain.status == .partial)
        #expect(chain.value(.iamUser) == "arn:aws:iam::111122223333:user/alice")
        #expect(chain.value(.principalID) == "AIDAALICE")
    }

    @Test func nodeWithExtraResolvesToNodeRole() {
        let user = UserInfo(
            username: "system:node:ip-192-168-70-74.eu-west-1.compute.internal",
            uid: "aws-iam-authenticator:111122223333:AROANODE",
            extra: [
                "canonicalArn": ["arn:aws:iam::111122223333:role/NodeRole"], "sessionName": ["i-0e6c1f51d6dd34b3f"],
            ])
        let chain = resolve(user)
        #expect(chain.status == .partial)
        #expect(chain.value(.iamRole) == "arn:aws:iam::111122223333:role/NodeRole")
        #expect(chain.reason?.contains("EC2 instance id") == true)
    }

    @Test func scrubbedUIDWithoutMappingIsUnresolved() {
        let user = UserInfo(username: "secret-admin", uid: "aws-iam-authenticator:administrative:secret-admin")
        let chain = resolve(user)
        #expect(chain.status == .unresolved)
        #expect(chain.reason?.contains("scrubbed") == true)
    }

    // MARK: - Kubernetes identities

    @Test(arguments: [
        UserInfo(username: "system:serviceaccount:kube-system:coredns"),
        UserInfo(username: "system:anonymous"),
        UserInfo(username: "system:kube-scheduler"),
        UserInfo(username: "system:node:ip-10-0-0-1.ec2.internal"),
        UserInfo(username: "eks:certificate-controller"),
        UserInfo(
            username: "kubernetes-admin", extra: ["authentication.kubernetes.io/credential-id": ["X509SHA256=abcd"]]),
    ])
    func kubernetesIdentitiesAreNotApplicable(user: UserInfo) {
        let chain = resolve(user)
        #expect(chain.status == .notApplicable)
    }

    @Test func serviceAccountReasonNamesIt() {
        let chain = resolve(UserInfo(username: "system:serviceaccount:kube-system:coredns"))
        #expect(chain.reason?.contains("coredns in namespace kube-system") == true)
    }

    // MARK: - Templates

    @Test func sdkTimestampThroughSessionNameTemplate() {
        let chain = resolve(UserInfo(username: "adminuser-1529910544824263459"))
        #expect(chain.status == .partial)
        #expect(chain.value(.iamRole) == "arn:aws:iam::111122223333:role/AdminRole")
        #expect(chain.value(.sessionName) == "1529910544824263459")
        #expect(links(chain, .sessionName).first?.source == .awsAuthTemplate)
        #expect(chain.reason?.contains("2018-06-25T07:09:04Z") == true)
    }

    @Test func dashInSessionNameIsNotGuessed() {
        let chain = resolve(UserInfo(username: "devuser:jane-corp.example"))
        #expect(chain.status == .partial)
        #expect(chain.value(.person) == nil)
        #expect(chain.value(.iamRole) == "arn:aws:iam::111122223333:role/DevRole")
        #expect(chain.reason?.contains("jane-corp.example") == true)
    }

    @Test func templateWithoutDashGivesPerson() {
        let chain = resolve(UserInfo(username: "devuser:jane"))
        #expect(chain.status == .resolved)
        #expect(chain.value(.person) == "jane")
    }

    @Test func mapUsersEntryByUsername() {
        let chain = resolve(UserInfo(username: "alice"))
        #expect(chain.value(.iamUser) == "arn:aws:iam::111122223333:user/alice")
        #expect(chain.status == .partial)
        #expect(chain.value(.mappedGroup) == "ops")
    }

    @Test func mapAccountsUsernameIsCanonicalARN() {
        let chain = resolve(UserInfo(username: "arn:aws:iam::444455556666:role/Deployer"))
        #expect(chain.value(.iamRole) == "arn:aws:iam::444455556666:role/Deployer")
        #expect(chain.value(.usernameTemplate) == "(canonical ARN)")
    }

    @Test func roleWithPathNeverMatches() {
        let chain = resolve(UserInfo(username: "ops:bob@corp.example"))
        #expect(chain.status == .unresolved)
        #expect(chain.value(.iamRole) == nil)
        #expect(chain.reason?.contains("path") == true)
    }

    @Test func ambiguousTemplateIsNotPicked() {
        let chain = resolve(UserInfo(username: "shared"))
        #expect(chain.status == .unresolved)
        #expect(chain.value(.iamRole) == nil)
        #expect(chain.reason?.contains("role/SharedA") == true)
        #expect(chain.reason?.contains("role/SharedB") == true)
    }

    @Test func uidAccountNarrowsTemplateCandidates() {
        let other = AwsAuthMapping(roles: [
            RoleMapping(roleARN: "arn:aws:iam::999999999999:role/Other", username: "shared", groups: [])
        ])
        let user = UserInfo(username: "shared", uid: "aws-iam-authenticator:999999999999:AROAOTHER")
        let chain = resolve(user, mappings: [Self.mapping, other])
        #expect(chain.value(.iamRole) == "arn:aws:iam::999999999999:role/Other")
    }

    @Test func unknownUsernameIsUnresolved() {
        let chain = resolve(UserInfo(username: "mallory"))
        #expect(chain.status == .unresolved)
        #expect(chain.reason?.hasPrefix("No aws-auth entry produces this username") == true)
    }

    // MARK: - Mapping rules

    @Test func forwardMatchIgnoresCase() {
        let user = UserInfo(
            username: "devuser:jane",
            extra: ["canonicalArn": ["arn:aws:iam::111122223333:role/devrole"], "sessionName": ["jane"]])
        #expect(resolve(user).value(.usernameTemplate) == "devuser:{{SessionName}}")
    }

    @Test func lastDuplicateWins() {
        let first = AwsAuthMapping(roles: [
            RoleMapping(roleARN: "arn:aws:iam::111122223333:role/R", username: "old:{{SessionName}}", groups: ["old"])
        ])
        let second = AwsAuthMapping(roles: [
            RoleMapping(roleARN: "ARN:AWS:IAM::111122223333:ROLE/R", username: "new:{{SessionName}}", groups: ["new"])
        ])
        let user = UserInfo(
            username: "new:jane",
            extra: ["canonicalArn": ["arn:aws:iam::111122223333:role/R"], "sessionName": ["jane"]])
        let chain = resolve(user, mappings: [first, second])
        #expect(chain.value(.usernameTemplate) == "new:{{SessionName}}")
        #expect(chain.value(.mappedGroup) == "new")
        #expect(resolve(UserInfo(username: "old:jane"), mappings: [first, second]).status == .unresolved)
    }

    @Test func rolesBeforeUsersBeforeAccounts() {
        let mapping = AwsAuthMapping(
            roles: [RoleMapping(roleARN: "arn:aws:iam::444455556666:role/Deployer", username: "deployer", groups: [])],
            accounts: ["444455556666"])
        let user = UserInfo(
            username: "deployer",
            extra: ["canonicalArn": ["arn:aws:iam::444455556666:role/Deployer"], "sessionName": ["ci"]])
        #expect(resolve(user, mappings: [mapping]).value(.usernameTemplate) == "deployer")
    }

    @Test func ssoMatcherEntryMatchesRoleName() {
        var role = RoleMapping(roleARN: nil, username: "ro:{{SessionNameRaw}}", groups: ["viewers"])
        role.ssoPermissionSetName = "ReadOnly"
        role.ssoAccountID = Self.account
        let user = UserInfo(
            username: "ro:bob@corp.example",
            extra: [
                "canonicalArn": ["arn:aws:iam::111122223333:role/AWSReservedSSO_ReadOnly_0123456789abcdef"],
                "sessionName": ["bob@corp.example"],
            ])
        let chain = resolve(user, mappings: [AwsAuthMapping(roles: [role])])
        #expect(chain.value(.mappedGroup) == "viewers")
        #expect(chain.value(.permissionSet) == "ReadOnly")
    }

    // MARK: - Authenticator log

    @Test func authenticatorLogGivesSession() {
        let records = [
            R.sts(
                "127.0.0.1:1", arn: "arn:aws:sts::111122223333:assumed-role/SharedA/carol@corp.example",
                session: "carol@corp.example"),
            R.granted("127.0.0.1:1", arn: "arn:aws:iam::111122223333:role/SharedA", username: "shared"),
        ]
        let chain = resolve(
            UserInfo(username: "shared", uid: "aws-iam-authenticator:111122223333:AROAEXAMPLE"), records: records)
        #expect(chain.status == .resolved)
        #expect(chain.value(.person) == "carol@corp.example")
        #expect(links(chain, .iamRole).first?.source == .authenticatorLog)
    }

    @Test func severalLoggedSessionsAreNotPicked() {
        let records = [
            R.sts("c:1", arn: "arn:aws:sts::111122223333:assumed-role/SharedA/carol", session: "carol"),
            R.granted("c:1", arn: "arn:aws:iam::111122223333:role/SharedA", username: "shared"),
            R.sts("c:1", arn: "arn:aws:sts::111122223333:assumed-role/SharedA/dave", session: "dave"),
            R.granted("c:1", arn: "arn:aws:iam::111122223333:role/SharedA", username: "shared"),
        ]
        let chain = resolve(UserInfo(username: "shared"), records: records)
        #expect(chain.status == .partial)
        #expect(chain.value(.iamRole) == "arn:aws:iam::111122223333:role/SharedA")
        #expect(chain.reason?.contains("carol, dave") == true)
    }

    @Test func severalLoggedIdentitiesAreNotPicked() {
        let records = [
            R.granted("c:1", arn: "arn:aws:iam::111122223333:role/SharedA", username: "shared"),
            R.granted("c:2", arn: "arn:aws:iam::111122223333:role/SharedB", username: "shared"),
        ]
        let chain = resolve(UserInfo(username: "shared"), records: records)
        #expect(chain.status == .unresolved)
        #expect(chain.reason?.hasPrefix("The authenticator log shows 2 IAM identities") == true)
    }
}
