# Writes the CloudTrail fixtures of this folder. Every id, key and account number is invented.
# Run with python3 from anywhere; the S3 file is compressed with /usr/bin/gzip -n so reruns give equal bytes.
import json, subprocess, os
ACCT = "111122223333"
SSO_ROLE_NAME = "AWSReservedSSO_PlatformAdmin_0a1b2c3d4e5f6789"
SSO_ROLE = f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-2/{SSO_ROLE_NAME}"
SSO_PROVIDER = "AWSSSO_8f1e2d3c4b5a6978_DO_NOT_DELETE"
EKS_ROLE = f"arn:aws:iam::{ACCT}:role/eks-admin"
OUT = os.path.dirname(os.path.abspath(__file__))

def base(time, name, eid, identity, req, resp, source="sts.amazonaws.com", agent="aws-sdk-go-v2/1.24.1", error=None):
    r = {"eventVersion": "1.08", "userIdentity": identity, "eventTime": time, "eventSource": source,
         "eventName": name, "awsRegion": "eu-west-2", "sourceIPAddress": "203.0.113.24", "userAgent": agent}
    if error:
        r["errorCode"] = error
        r["errorMessage"] = "User is not authorized to perform: sts:AssumeRole on resource: " + req.get("roleArn", "")
    r["requestParameters"] = req
    r["responseElements"] = resp
    r.update({"requestID": "req-" + eid[:8], "eventID": eid, "readOnly": True,
              "resources": [{"accountId": ACCT, "type": "AWS::IAM::Role", "ARN": req.get("roleArn", "")}] if req else [],
              "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": ACCT,
              "eventCategory": "Management", "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
              "clientProvidedHostHeader": "sts.eu-west-2.amazonaws.com"}})
    return r

def saml(time, eid, user, key, role=SSO_ROLE, role_name=SSO_ROLE_NAME, duration=43200, expiration=None):
    ident = {"type": "SAMLUser", "principalId": f"Zk3vQ1lTexampleIdP8q2w=:{user}", "userName": user,
             "identityProvider": SSO_PROVIDER}
    req = {"sAMLAssertionID": "_" + eid.replace("-", ""), "roleSessionName": user,
           "principalArn": f"arn:aws:iam::{ACCT}:saml-provider/{SSO_PROVIDER}", "roleArn": role, "durationSeconds": duration}
    resp = {"credentials": {"accessKeyId": key, "sessionToken": "IQoJb3JpZ2luX2VjEXAMPLETOKEN", "expiration": expiration},
            "assumedRoleUser": {"assumedRoleId": f"AROA3EXAMPLESSOADMIN:{user}", "arn": f"arn:aws:sts::{ACCT}:assumed-role/{role_name}/{user}"},
            "subject": user, "subjectType": "persistent", "issuer": "https://portal.sso.eu-west-2.amazonaws.com/saml/assertion/MTExMTIyMjIzMzMzX2lucy1leGFtcGxl",
            "audience": "https://signin.aws.amazon.com/saml", "nameQualifier": "vWq0b6Yexample9Ls2Jc0="}
    return base(time, "AssumeRoleWithSAML", eid, ident, req, resp, agent="aws-internal/3 aws-sdk-java/1.12.720")

def sso_caller(user, key, role_name=SSO_ROLE_NAME):
    ident = {"type": "AssumedRole", "principalId": f"AROA3EXAMPLESSOADMIN:{user}",
             "arn": f"arn:aws:sts::{ACCT}:assumed-role/{role_name}/{user}", "accountId": ACCT,
             "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROA3EXAMPLESSOADMIN", "arn": SSO_ROLE,
                                                  "accountId": ACCT, "userName": role_name},
                                "attributes": {"creationDate": "2024-03-15T09:00:00Z", "mfaAuthenticated": "false"}}}
    if key is not None:
        ident["accessKeyId"] = key
    return ident

def assume(time, eid, caller, role, role_name, session, key, role_id="AROA3EXAMPLEEKSADMIN", duration=None, expiration=None, error=None):
    req = {"roleArn": role, "roleSessionName": session}
    if duration: req["durationSeconds"] = duration
    resp = None if error else {
        "credentials": {"accessKeyId": key, "sessionToken": "IQoJb3JpZ2luX2VjEXAMPLETOKEN", "expiration": expiration},
        "assumedRoleUser": {"assumedRoleId": f"{role_id}:{session}", "arn": f"arn:aws:sts::{ACCT}:assumed-role/{role_name}/{session}"}}
    return base(time, "AssumeRole", eid, caller, req, resp, error=error)

# --- S3 delivery: alice signs in through IAM Identity Center, then an SDK assumes eks-admin.
alice_sdk = assume("2024-03-15T09:10:05Z", "6c1f0d8e-2b7a-4c55-9e0f-0a1b2c3d4e01", sso_caller("alice@example.com", "ASIA3EXAMPLEALICESSO"),
                   EKS_ROLE, "eks-admin", "1710493805123456789", "ASIA3EXAMPLEALICEEKS", expiration="Mar 15, 2024, 10:10:05 AM")
alice_login = saml("2024-03-15T09:00:00Z", "6c1f0d8e-2b7a-4c55-9e0f-0a1b2c3d4e02", "alice@example.com", "ASIA3EXAMPLEALICESSO",
                   expiration="Mar 15, 2024, 9:00:00 PM")
describe = base("2024-03-15T09:10:07Z", "DescribeCluster", "6c1f0d8e-2b7a-4c55-9e0f-0a1b2c3d4e03",
                sso_caller("alice@example.com", "ASIA3EXAMPLEALICESSO"), {"name": "prod"}, None, source="eks.amazonaws.com")
failed = assume("2024-03-15T09:11:00Z", "6c1f0d8e-2b7a-4c55-9e0f-0a1b2c3d4e04", sso_caller("alice@example.com", "ASIA3EXAMPLEALICESSO"),
                f"arn:aws:iam::{ACCT}:role/break-glass", "break-glass", "1710493860000000001", None, error="AccessDenied")
whoami = base("2024-03-15T09:10:06Z", "GetCallerIdentity", "6c1f0d8e-2b7a-4c55-9e0f-0a1b2c3d4e05",
              sso_caller("alice@example.com", "ASIA3EXAMPLEALICESSO"), None, None)
# Out of order on purpose: the AssumeRole comes before the login that enabled it.
s3 = {"Records": [alice_sdk, describe, failed, alice_login, whoami]}
path = f"{OUT}/{ACCT}_CloudTrail_eu-west-2_20240315T0915Z_Ex4mpleObj3ct.json"
with open(path, "w") as f:
    f.write(json.dumps(s3, separators=(",", ":")))
subprocess.run(["/usr/bin/gzip", "-n", "-f", path], check=True)

# --- JSON lines: as CloudWatch Logs or `jq -c '.Records[]'` give them.
lines = []
bob_eks = assume("2024-03-15T10:05:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f01", sso_caller("bob@example.com", "ASIA3EXAMPLEBOBSSO01"),
                 EKS_ROLE, "eks-admin", "EKSGetTokenAuth", "ASIA3EXAMPLEBOBEKS01")
carol_eks = assume("2024-03-15T10:06:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f02", sso_caller("carol@example.com", "ASIA3EXAMPLECAROLSSO"),
                   EKS_ROLE, "eks-admin", "EKSGetTokenAuth", "ASIA3EXAMPLECAROLEKS")
bob_login = saml("2024-03-15T10:00:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f03", "bob@example.com", "ASIA3EXAMPLEBOBSSO01",
                 expiration="2024-03-15T22:00:00Z")
carol_login = saml("2024-03-15T10:01:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f04", "carol@example.com", "ASIA3EXAMPLECAROLSSO")
iam_user = {"type": "IAMUser", "principalId": "AIDA3EXAMPLEDEPLOYBOT", "arn": f"arn:aws:iam::{ACCT}:user/ci/deploy-bot",
            "accountId": ACCT, "accessKeyId": "AKIA3EXAMPLEDEPLOYBT", "userName": "deploy-bot"}
bot_assume = assume("2024-03-15T10:20:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f05", iam_user,
                    f"arn:aws:iam::{ACCT}:role/ci-deployer", "ci-deployer", "1710498000000000000", "ASIA3EXAMPLECIDEPLOY",
                    role_id="AROA3EXAMPLECIDEPLOY", duration=900)
jump = {"type": "AssumedRole", "principalId": "AROA3EXAMPLEOPSJUMP0:dave",
        "arn": f"arn:aws:sts::{ACCT}:assumed-role/OpsJump/dave", "accountId": ACCT, "accessKeyId": "ASIA3EXAMPLEDAVEJUMP",
        "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROA3EXAMPLEOPSJUMP0",
                                             "arn": f"arn:aws:iam::{ACCT}:role/OpsJump", "accountId": ACCT, "userName": "OpsJump"},
                           "attributes": {"creationDate": "2024-03-15T10:25:00Z", "mfaAuthenticated": "true"},
                           "sourceIdentity": "dave.ops"}}
dave_eks = assume("2024-03-15T10:30:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f06", jump, EKS_ROLE, "eks-admin",
                  "1710498600000000000", "ASIA3EXAMPLEDAVEEKS1")
# erin re-assumes her own SSO role with an SDK session name; the caller record lacks the access key id.
erin_login = saml("2024-03-15T11:00:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f07", "erin@example.com", "ASIA3EXAMPLEERINSSO1")
erin_again = assume("2024-03-15T11:02:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f08", sso_caller("erin@example.com", None),
                    SSO_ROLE, SSO_ROLE_NAME, "1710500520000000000", "ASIA3EXAMPLEERINSSO2", role_id="AROA3EXAMPLESSOADMIN")
irsa = base("2024-03-15T11:05:00Z", "AssumeRoleWithWebIdentity", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f09",
            {"type": "WebIdentityUser", "principalId": f"arn:aws:iam::{ACCT}:oidc-provider/oidc.eks.eu-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sts.amazonaws.com:system:serviceaccount:kube-system:aws-load-balancer-controller",
             "userName": "system:serviceaccount:kube-system:aws-load-balancer-controller",
             "identityProvider": f"arn:aws:iam::{ACCT}:oidc-provider/oidc.eks.eu-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"},
            {"roleArn": f"arn:aws:iam::{ACCT}:role/lb-controller", "roleSessionName": "1710500700123456789"},
            {"credentials": {"accessKeyId": "ASIA3EXAMPLELBCTRL01", "sessionToken": "IQoJb3JpZ2luX2VjEXAMPLETOKEN", "expiration": "Mar 15, 2024, 12:05:00 PM"},
             "subjectFromWebIdentityToken": "system:serviceaccount:kube-system:aws-load-balancer-controller",
             "assumedRoleUser": {"assumedRoleId": "AROA3EXAMPLELBCTRL01:1710500700123456789",
                                 "arn": f"arn:aws:sts::{ACCT}:assumed-role/lb-controller/1710500700123456789"},
             "provider": f"arn:aws:iam::{ACCT}:oidc-provider/oidc.eks.eu-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
             "audience": "sts.amazonaws.com"})
no_response = assume("2024-03-15T11:06:00Z", "7d2a1e9f-3c8b-4d66-8f10-1b2c3d4e5f10", iam_user, EKS_ROLE, "eks-admin", "broken", "X")
no_response["responseElements"] = None

recs = [bob_eks, carol_eks, bob_login, carol_login, bot_assume, dave_eks, erin_again, erin_login, irsa, no_response]
text = [json.dumps(r, separators=(",", ":")) for r in recs]
truncated = text[0][:140]  # a line cut short, as from an interrupted copy
text.insert(6, truncated)
with open(f"{OUT}/cloudwatch-sts-events.jsonl", "w") as f:
    f.write("\n".join(text) + "\n")
