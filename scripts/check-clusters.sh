#!/usr/bin/env bash
# Checks that one store keeps two clusters apart when they arrive in different shapes.
#
# gen-audit writes a two-cluster corpus (one folder per cluster, ground truth in manifest.json).
# The first cluster is ingested as a folder of plain gzip files with `--cluster NAME`. The second
# is ingested as a Firehose S3 object of CloudWatch subscription envelopes, and their log group,
# /aws/eks/NAME/cluster, names the cluster. Both go into one store. For each cluster the script
# compares the requests, the requests answered 403 and the authenticator lines with the manifest,
# and exits with status 1 on any mismatch.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: scripts/check-clusters.sh [--no-build] [--events N] [--seed S] [--keep]

Options:
  --no-build   use the existing .build/release/authaudit instead of running `swift build -c release`
  --events N   audit lines to generate over both clusters (default 50000)
  --seed S     generator seed (default 3)
  --keep       keep the scratch folder (corpus, Firehose object, store) and print its path

Environment:
  GEN_AUDIT    path of the gen-audit corpus generator (default: ../shared/tools/gen-audit next to
               the main checkout)

Exit status: 0 when every count matches, 1 on a mismatch, 2 on a usage or set-up error.
EOF
}

die() {
    echo "check-clusters: $*" >&2
    exit 2
}

build=1
events=50000
seed=3
keep=0
while (($# > 0)); do
    case $1 in
        --no-build) build=0 ;;
        --events) events=${2:?--events needs a number}; shift ;;
        --seed) seed=${2:?--seed needs a number}; shift ;;
        --keep) keep=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
done

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(git -C "$script_dir" rev-parse --show-toplevel)
# In a linked worktree the main checkout is the parent of the common .git folder.
main_checkout=$(dirname "$(git -C "$repo_root" rev-parse --path-format=absolute --git-common-dir)")
gen_audit=${GEN_AUDIT:-$main_checkout/../shared/tools/gen-audit}
binary=$repo_root/.build/release/authaudit

[[ -x $gen_audit ]] || die "generator $gen_audit not found or not executable; set GEN_AUDIT to its path"
command -v python3 >/dev/null || die "python3 not found in PATH; the Firehose object is built with it"
if ((build)); then
    (cd "$repo_root" && swift build -c release) >&2 || die "swift build -c release failed"
fi
[[ -x $binary ]] || die "$binary not found; build it with 'swift build -c release' or drop --no-build"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/check-clusters.XXXXXX")
if ((keep)); then
    echo "scratch folder: $scratch" >&2
else
    trap 'rm -rf "$scratch"' EXIT
fi

corpus=$scratch/corpus
"$gen_audit" --events "$events" --clusters 2 --gzip --seed "$seed" --out "$corpus" >&2
manifest=$corpus/manifest.json
mapfile -t clusters < <(python3 -c 'import json, sys; print("\n".join(sorted(json.load(open(sys.argv[1]))["clusters"])))' "$manifest")
((${#clusters[@]} == 2)) || die "expected 2 clusters in $manifest, found ${#clusters[@]}"
first=${clusters[0]}
second=${clusters[1]}

# The first cluster: a folder of plain gzip files, named with --cluster.
plain=$scratch/plain-$first
mkdir -p "$plain"
cp "$corpus/$first/audit.log.gz" "$plain/"
gzip -c "$corpus/$first/authenticator.log" >"$plain/authenticator.log.gz"

# The second cluster: one Firehose object; the log group names the cluster.
firehose=$scratch/firehose-$second
python3 "$script_dir/make-firehose-object.py" --cluster "$second" --out "$firehose" \
    --audit "$corpus/$second/audit.log.gz" --authenticator "$corpus/$second/authenticator.log" >&2

database=$scratch/clusters.db
"$binary" ingest -q --db "$database" --cluster "$first" "$plain"
"$binary" ingest -q --db "$database" "$firehose"

query_value() {
    "$binary" query --db "$database" -o csv "$1" | tail -n 1
}

manifest_value() {
    python3 -c '
import json, sys
cluster = json.load(open(sys.argv[1]))["clusters"][sys.argv[2]]
if sys.argv[3] == "authenticator_lines":
    print(sum(cluster["authenticator_lines"].values()))
else:
    print(cluster[sys.argv[3]])
' "$manifest" "$1" "$2"
}

status=0
check() {
    local cluster=$1 what=$2 expected=$3 actual=$4
    if [[ $expected == "$actual" ]]; then
        printf '%-14s %-20s %8s  PASS\n' "$cluster" "$what" "$actual"
    else
        printf '%-14s %-20s %8s  FAIL (manifest: %s)\n' "$cluster" "$what" "$actual" "$expected"
        status=1
    fi
}

for cluster in "$first" "$second"; do
    requests=$(query_value "select count(*) from requests r join clusters c on c.id = r.cluster_id where c.name = '$cluster'")
    forbidden=$(query_value "select count(*) from requests r join clusters c on c.id = r.cluster_id where c.name = '$cluster' and r.code = 403")
    authenticator=$(query_value "select count(*) from authenticator_events a join clusters c on c.id = a.cluster_id where c.name = '$cluster'")
    check "$cluster" requests "$(manifest_value "$cluster" requests)" "$requests"
    check "$cluster" "forbidden requests" "$(manifest_value "$cluster" forbidden_requests)" "$forbidden"
    check "$cluster" "authenticator lines" "$(manifest_value "$cluster" authenticator_lines)" "$authenticator"
done
unassigned=$(query_value "select count(*) from requests where cluster_id is null")
check "(none)" requests 0 "$unassigned"

exit $status
