#!/usr/bin/env bash
# Ingests a gen-audit corpus and compares authaudit's counts with the generator's manifest.json:
# requests, 401s, forbidden requests per effective Kubernetes username and per directory person,
# checks that SSO sessions resolve to directory people while break-glass SDK sessions do not, and
# compares the RBAC bindings no request used with the manifest's list.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: scripts/check-gen-audit.sh [--events N] [--rotate-mb M] [--keep DIR]

Generates a corpus with gen-audit (--gzip, seed 1), ingests it with the release build of authaudit,
and checks every count against the manifest. Exits 0 when all counts match.

  --events N      audit log lines to generate (default 200000)
  --rotate-mb M   rotate the audit log every M MB, as kube-apiserver does (default 64)
  --keep DIR      write the corpus and the store into DIR and keep them (default: a temporary folder)

Environment: GEN_AUDIT is the generator (default ../shared/tools/gen-audit beside this checkout).
USAGE
}

events=200000
rotate_mb=64
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --events) events="$2"; shift 2 ;;
        --rotate-mb) rotate_mb="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "check-gen-audit: unknown argument $1" >&2; usage >&2; exit 64 ;;
    esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
generator="${GEN_AUDIT:-$root/../shared/tools/gen-audit}"
if [ ! -x "$generator" ]; then
    echo "check-gen-audit: generator not found at $generator; set GEN_AUDIT" >&2
    exit 1
fi

if [ -n "$keep" ]; then
    work="$keep"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi

(cd "$root" && swift build -c release >/dev/null)
binary="$root/.build/release/authaudit"

rm -rf "$work/corpus" "$work/store.db"*
"$generator" --events "$events" --gzip --rotate-mb "$rotate_mb" --out "$work/corpus" -q
# Everything but the manifest is an authaudit input.
inputs=("$work"/corpus/audit* "$work/corpus/authenticator.log" "$work/corpus/aws-auth.yaml" "$work/corpus/rbac.json"
    "$work/corpus/directory.ldif")
"$binary" ingest --db "$work/store.db" "${inputs[@]}"

"$binary" query --db "$work/store.db" -o json \
    "select effective_username as username, count(*) as forbidden from request_facts where code = 403 group by 1" \
    >"$work/forbidden.json"
"$binary" query --db "$work/store.db" -o json \
    "select count(*) as requests, sum(code = 401) as unauthorized, sum(code = 403) as forbidden from requests" \
    >"$work/totals.json"
"$binary" query --db "$work/store.db" -o json \
    "select person, sum(forbidden) as forbidden from identity_resolutions where person is not null group by 1" \
    >"$work/people.json"
"$binary" query --db "$work/store.db" -o json \
    "select iam_arn, status, person_source, session_kind from identity_resolutions where iam_arn is not null" \
    >"$work/principals.json"
"$binary" query --db "$work/store.db" -o json \
    "select binding_kind || ' ' || coalesce(binding_namespace || '/', '') || binding_name as binding,
            sum(requests) as requests from rbac_grants group by 1" \
    >"$work/bindings.json"

python3 - "$work" <<'PYTHON'
import json, sys
work = sys.argv[1]
manifest = json.load(open(f"{work}/corpus/manifest.json"))
cluster = next(iter(manifest["clusters"].values()))
totals = json.load(open(f"{work}/totals.json"))[0]
forbidden = {row["username"]: row["forbidden"] for row in json.load(open(f"{work}/forbidden.json"))}
checks = [
    ("requests", totals["requests"], cluster["requests"]),
    ("401 requests", totals["unauthorized"], cluster["unauthorized_401_requests"]),
    ("403 requests", totals["forbidden"], cluster["forbidden_requests"]),
    ("forbidden per effective user", forbidden, cluster["forbidden_requests_by_effective_user"]),
]

# The person behind each username, from the directory: the session part of `prefix:session` is a
# user principal name, a mail address or a sAMAccountName ({{SessionName}} turned '@' into '-').
entries, entry = [], {}
for line in open(f"{work}/corpus/directory.ldif"):
    line = line.rstrip("\n")
    if not line:
        if entry:
            entries.append(entry)
        entry = {}
    elif ":" in line and not line.startswith((" ", "#")):
        key, value = line.split(":", 1)
        entry.setdefault(key.lower(), []).append(value.strip())
if entry:
    entries.append(entry)
people = [e for e in entries if "samaccountname" in e and "user" in [c.lower() for c in e.get("objectclass", [])]]
def person(session):
    wanted = session.lower()
    for entry in people:
        names = [v.lower() for k in ("userprincipalname", "mail", "samaccountname") for v in entry.get(k, [])]
        rendered = [v.lower().replace("@", "-") for v in entry.get("userprincipalname", [])]
        if wanted in names or wanted in rendered:
            return entry["samaccountname"][0]
    return None
expected_people = {}
for username, count in cluster["forbidden_requests_by_effective_user"].items():
    if ":" in username and not username.startswith("system:"):
        name = person(username.split(":", 1)[1])
        if name:
            expected_people[name] = expected_people.get(name, 0) + count
got_people = {row["person"]: row["forbidden"] for row in json.load(open(f"{work}/people.json")) if row["forbidden"]}
checks.append(("forbidden per directory person", got_people, expected_people))

principals = json.load(open(f"{work}/principals.json"))
sso = [p for p in principals if "AWSReservedSSO_" in p["iam_arn"]]
checks.append(("SSO sessions resolved to directory people",
    sum(p["status"] == "resolved" and p["person_source"] == "directory" for p in sso), len(sso)))
glass = [p for p in principals if "BreakGlass" in p["iam_arn"] and p["session_kind"] == "sdk_timestamp"]
checks.append(("break-glass SDK sessions left without a person", sum(p["status"] == "partial" for p in glass), len(glass)))

bindings = json.load(open(f"{work}/bindings.json"))
never_used = sorted(row["binding"] for row in bindings if row["requests"] == 0)
checks.append(("RBAC bindings never used", never_used, sorted(cluster["rbac_bindings_never_used"])))

failed = 0
for name, got, expected in checks:
    ok = got == expected
    failed += not ok
    shown = f"{len(got)} users" if isinstance(got, dict) else f"{len(got)} bindings" if isinstance(got, list) else got
    print(f"{'PASS' if ok else 'FAIL'} {name}: {shown}" + ("" if ok else f" (manifest: {expected})"))
sys.exit(1 if failed else 0)
PYTHON
