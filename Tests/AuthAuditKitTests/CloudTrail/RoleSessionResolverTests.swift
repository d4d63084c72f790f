import Testing

@testable import AuthAuditKit

@Suite struct RoleSessionResolverTests {
    private typealias F = CloudTrailFixtures

    private func resolver() throws -> RoleSessionResolver {
        RoleSessionResolver(assumptions: try F.allAssumptions())
    }

    @Test func sdkTimestampSessionResolvesToSSOUser() throws {
        let chain = try resolver().resolve(
            roleARN: F.eksAdminRole, sessionName: "1710493805123456789", at: F.time("2024-03-15T09:20:00Z"))

        #expect(
            chain.origin
                == .federatedUser(
                    name: "alice@example.com", kind: .identityCenter,
                    identityProvider: "AWSSSO_8f1e2d3c4b5a6978_DO_NOT_DELETE"))
        #expect(chain.personName == "alice@example.com")
        #expect(chain.hops.map(\.roleARN) == [F.eksAdminRole, F.ssoRole])
        #expect(chain.hops.map(\.sessionName) == ["1710493805123456789", "alice@example.com"])
        #expect(chain.hops.map(\.time) == [F.time("2024-03-15T09:10:05Z"), F.time("2024-03-15T09:00:00Z")])
        #expect(
            chain.hops.first?.match
                == .roleSession(
                    roleARN: F.eksAdminRole, sessionName: "1710493805123456789", time: F.time("2024-03-15T09:20:00Z")))
        #expect(chain.hops.last?.match == .accessKeyID("ASIA3EXAMPLEALICESSO"))
    }

    @Test func roleARNWithPathOrSTSFormMatches() throws {
        let resolver = try resolver()
        let time = F.time("2024-03-15T09:20:00Z")
        let sts = "arn:aws:sts::111122223333:assumed-role/eks-admin/1710493805123456789"

        #expect(
            resolver.resolve(roleARN: sts, sessionName: "1710493805123456789", at: time).personName
                == "alice@example.com")
        #expect(
            resolver.resolve(roleARN: F.ssoRoleWithPath, sessionName: "alice@example.com", at: time).hops.count == 1)
    }

    @Test func eksGetTokenAuthToldApartByAccessKey() throws {
        let resolver = try resolver()
        let bob = resolver.resolve(accessKeyID: "ASIA3EXAMPLEBOBEKS01")
        let carol = resolver.resolve(accessKeyID: "ASIA3EXAMPLECAROLEKS")

        #expect(bob.personName == "bob@example.com")
        #expect(carol.personName == "carol@example.com")
        #expect(bob.hops.first?.sessionName == "EKSGetTokenAuth")
        #expect(carol.hops.first?.sessionName == "EKSGetTokenAuth")
        #expect(bob.hops.first?.match == .accessKeyID("ASIA3EXAMPLEBOBEKS01"))
        #expect(bob.hops.count == 2)
    }

    @Test func eksGetTokenAuthByNameIsAmbiguous() throws {
        let chain = try resolver().resolve(
            roleARN: F.eksAdminRole, sessionName: "EKSGetTokenAuth", at: F.time("2024-03-15T10:07:00Z"))

        #expect(chain.hops.isEmpty)
        #expect(chain.personName == nil)
        #expect(
            chain.origin
                == .unknown(
                    .ambiguous(
                        roleARN: F.eksAdminRole, sessionName: "EKSGetTokenAuth",
                        eventIDs: ["7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f01", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f02"])))
    }

    @Test func onlyOneSessionInWindowIsNotAmbiguous() throws {
        let chain = try resolver().resolve(
            roleARN: F.eksAdminRole, sessionName: "EKSGetTokenAuth", at: F.time("2024-03-15T10:05:30Z"))

        #expect(chain.personName == "bob@example.com")
    }

    @Test func iamUserCaller() throws {
        let chain = try resolver().resolve(accessKeyID: "ASIA3EXAMPLECIDEPLOY")

        #expect(chain.origin == .iamUser(arn: "arn:aws:iam::111122223333:user/ci/deploy-bot", userName: "deploy-bot"))
        #expect(chain.personName == nil)
        #expect(chain.hops.count == 1)
    }

    @Test func sessionOutsideDurationNotFound() throws {
        let resolver = try resolver()
        let role = "arn:aws:iam::111122223333:role/ci-deployer"

        // durationSeconds is 900, so the session ends at 10:35.
        #expect(
            resolver.resolve(roleARN: role, sessionName: "1710498000000000000", at: F.time("2024-03-15T10:34:59Z"))
                .hops.count == 1)
        #expect(
            resolver.resolve(roleARN: role, sessionName: "1710498000000000000", at: F.time("2024-03-15T10:35:01Z"))
                .origin == .unknown(.sessionNotFound))
        #expect(
            resolver.resolve(roleARN: role, sessionName: "1710498000000000000", at: F.time("2024-03-15T10:19:59Z"))
                .origin == .unknown(.sessionNotFound))
    }

    @Test func missingIntermediateRecord() throws {
        let chain = try resolver().resolve(accessKeyID: "ASIA3EXAMPLEDAVEEKS1")

        #expect(
            chain.origin
                == .unknown(
                    .callerAssumptionMissing(
                        callerARN: "arn:aws:sts::111122223333:assumed-role/OpsJump/dave",
                        accessKeyID: "ASIA3EXAMPLEDAVEJUMP")))
        #expect(chain.hops.map(\.sessionName) == ["1710498600000000000"])
        #expect(chain.sourceIdentity == "dave.ops")
    }

    @Test func ssoUserReassumesOwnRole() throws {
        let chain = try resolver().resolve(
            roleARN: F.ssoRole, sessionName: "1710500520000000000", at: F.time("2024-03-15T11:10:00Z"))

        #expect(chain.personName == "erin@example.com")
        #expect(chain.hops.map(\.sessionName) == ["1710500520000000000", "erin@example.com"])
        #expect(chain.hops.map(\.roleARN) == [F.ssoRole, F.ssoRole])
        // The caller record has no access key id, so the SSO session is found by role, name and time.
        #expect(
            chain.hops.last?.match
                == .roleSession(
                    roleARN: F.ssoRole, sessionName: "erin@example.com", time: F.time("2024-03-15T11:02:00Z")))
    }

    @Test func webIdentityOrigin() throws {
        let chain = try resolver().resolve(accessKeyID: "ASIA3EXAMPLELBCTRL01")

        #expect(
            chain.origin
                == .federatedUser(
                    name: "system:serviceaccount:kube-system:aws-load-balancer-controller", kind: .webIdentity,
                    identityProvider:
                        "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
                ))
    }

    @Test func recordOrderDoesNotMatter() throws {
        let assumptions = try F.allAssumptions()
        let forward = RoleSessionResolver(assumptions: assumptions).resolve(accessKeyID: "ASIA3EXAMPLEALICEEKS")
        let reversed = RoleSessionResolver(assumptions: assumptions.reversed()).resolve(
            accessKeyID: "ASIA3EXAMPLEALICEEKS")

        #expect(forward.personName == "alice@example.com")
        #expect(reversed == forward)
    }

    @Test func duplicateDeliveriesCountOnce() throws {
        let assumptions = try F.allAssumptions()
        let chain = RoleSessionResolver(assumptions: assumptions + assumptions).resolve(
            roleARN: F.eksAdminRole, sessionName: "1710493805123456789", at: F.time("2024-03-15T09:20:00Z"))

        #expect(chain.personName == "alice@example.com")
    }

    @Test func missingSessionNotFound() throws {
        let resolver = try resolver()

        #expect(resolver.resolve(accessKeyID: "ASIA3EXAMPLENOSUCHKY").origin == .unknown(.sessionNotFound))
        #expect(
            resolver.resolve(roleARN: "not an arn", sessionName: "x", at: F.time("2024-03-15T09:20:00Z"))
                .origin == .unknown(.sessionNotFound))
    }

    @Test func callerWithOtherKeyIsNotMatchedByName() throws {
        var assumptions = try F.allAssumptions()
        // Bob's sign-in record now issued a key other than the one his EKS call carries: that sign-in
        // created another session of the same name, so the caller's own assumption is missing.
        let index = try #require(assumptions.firstIndex { $0.session.accessKeyID == "ASIA3EXAMPLEBOBSSO01" })
        assumptions[index].session.accessKeyID = "ASIA3EXAMPLEBOBOTHER"
        let chain = RoleSessionResolver(assumptions: assumptions).resolve(accessKeyID: "ASIA3EXAMPLEBOBEKS01")

        #expect(
            chain.origin
                == .unknown(
                    .callerAssumptionMissing(
                        callerARN:
                            "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_PlatformAdmin_0a1b2c3d4e5f6789/bob@example.com",
                        accessKeyID: "ASIA3EXAMPLEBOBSSO01")))
    }

    @Test func cycleStops() throws {
        var assumptions = try F.allAssumptions()
        // Make alice's sign-in look as if her EKS session had called it in the same second. A key is only
        // followed back to sessions created no later than the call, so only equal times can form a loop.
        let index = try #require(assumptions.firstIndex { $0.session.accessKeyID == "ASIA3EXAMPLEALICESSO" })
        var caller = CloudTrailCaller(type: "AssumedRole")
        caller.accessKeyID = "ASIA3EXAMPLEALICEEKS"
        assumptions[index].caller = caller
        assumptions[index].eventTime = F.time("2024-03-15T09:10:05Z")
        let chain = RoleSessionResolver(assumptions: assumptions).resolve(accessKeyID: "ASIA3EXAMPLEALICEEKS")

        #expect(chain.origin == .unknown(.cycle(eventID: "6c1f0d8e-2b7a-4c55-9e0f-0a1b2c3d4e01")))
    }
}
