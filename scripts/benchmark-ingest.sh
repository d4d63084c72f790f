#!/usr/bin/env bash
# Benchmark `authaudit ingest` on a generated gzip audit log against zcat, jq and Python on the same
# file, check the ingested counts against the generator's manifest, and print a Markdown report.
# Run `scripts/benchmark-ingest.sh --help` for the options.
set -euo pipefail

readonly default_cache=/tmp/authaudit-bench
readonly rss_target_mb=200
readonly time_target_ratio=2

usage() {
    cat <<'EOF'
Usage: scripts/benchmark-ingest.sh [OPTIONS]

Measure wall time and peak memory of `authaudit ingest` on one generated gzip audit log, side by
side with `zcat > /dev/null`, a zcat | jq pipeline and a Python json.loads loop that count 403
lines per user. Check that the ingested request and forbidden counts match the corpus manifest.
Print a Markdown report to standard output; progress goes to standard error.

Options:
  --events N     audit log lines in the generated corpus (default 1000000; 200000 for a quick check)
  --runs N       runs of each measurement; the report shows the median wall time and the maximum
                 peak RSS (default 3)
  --cache DIR    folder that keeps generated corpora between runs (default /tmp/authaudit-bench)
  --no-build     use the existing .build/release/authaudit instead of running `swift build -c release`
  --record       also add the report to docs/BENCHMARKS.md, replacing a section with the same
                 date, commit and event count
  -h, --help     print this help and exit

Environment:
  GEN_AUDIT      path of the gen-audit corpus generator (default: ../shared/tools/gen-audit next
                 to the main checkout of this repository)
  TMPDIR         where the scratch databases go (default /tmp); they are deleted on exit

Exit status: 0 when every correctness check passes, 1 when one fails or a command fails,
64 on a usage error. Missing a time or memory target is reported, not an error.
EOF
}

die_usage() {
    printf 'benchmark-ingest.sh: %s\n' "$1" >&2
    printf 'Run with --help for the options.\n' >&2
    exit 64
}

die() {
    printf 'benchmark-ingest.sh: error: %s\n' "$1" >&2
    exit 1
}

progress() {
    printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

require_positive_integer() {
    local option=$1 value=$2
    if ! [[ $value =~ ^[1-9][0-9]*$ ]]; then
        die_usage "$option expects a positive integer, got '$value'"
    fi
}

# ---------------------------------------------------------------------------------------- options

events=1000000
runs=3
cache_dir=$default_cache
build=1
record=0
invocation="scripts/benchmark-ingest.sh"
for argument in "$@"; do
    invocation+=" $(printf '%q' "$argument")"
done

while (($# > 0)); do
    case $1 in
        --events)
            (($# >= 2)) || die_usage "--events requires a value"
            require_positive_integer --events "$2"
            events=$2
            shift 2
            ;;
        --runs)
            (($# >= 2)) || die_usage "--runs requires a value"
            require_positive_integer --runs "$2"
            runs=$2
            shift 2
            ;;
        --cache)
            (($# >= 2)) || die_usage "--cache requires a value"
            cache_dir=$2
            shift 2
            ;;
        --no-build)
            build=0
            shift
            ;;
        --record)
            record=1
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            die_usage "unknown option '$1'"
            ;;
    esac
done

# ----------------------------------------------------------------------------------------- set-up

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(git -C "$script_dir" rev-parse --show-toplevel)
# In a linked worktree the main checkout is the parent of the common .git folder, so the default
# generator path is the same from the main checkout and from every worktree.
main_checkout=$(dirname "$(git -C "$repo_root" rev-parse --path-format=absolute --git-common-dir)")
gen_audit=${GEN_AUDIT:-$main_checkout/../shared/tools/gen-audit}
binary=$repo_root/.build/release/authaudit
python_peer=$script_dir/count-403-lines.py
readonly seed=7

for tool in zcat jq python3 sort uniq; do
    command -v "$tool" >/dev/null || die "$tool not found in PATH; the peer measurements need it"
done

if [[ -x /usr/bin/time ]]; then
    have_gnu_time=1
else
    have_gnu_time=0
    progress "/usr/bin/time: not installed, so wall time comes from bash and peak RSS is not measured"
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/authaudit-bench-run.XXXXXX")
partial=""
cleanup() {
    rm -rf "$workdir"
    if [[ -n $partial ]]; then rm -rf "$partial"; fi
}
trap cleanup EXIT

if ((build)); then
    progress "building: swift build -c release"
    (cd "$repo_root" && swift build -c release) >&2 || die "swift build -c release failed"
fi
[[ -x $binary ]] || die "$binary not found; build it with 'swift build -c release' or drop --no-build"

# ----------------------------------------------------------------------------------------- corpus

corpus_dir=$cache_dir/events-$events-seed-$seed
corpus=$corpus_dir/audit.log.gz
manifest=$corpus_dir/manifest.json

# Generates into a scratch folder and renames it, so an interrupted run never leaves a corpus that
# a later run would take for complete. The exit trap deletes the scratch folder.
if [[ -f $corpus && -f $manifest ]]; then
    progress "corpus: reusing $corpus_dir"
else
    [[ -x $gen_audit ]] || die "generator $gen_audit not found or not executable; set GEN_AUDIT to its path"
    mkdir -p "$cache_dir"
    partial=$(mktemp -d "$cache_dir/.partial-events-$events.XXXXXX")
    progress "corpus: generating $events events with $gen_audit (about a minute per million)"
    "$gen_audit" --events "$events" --gzip --seed "$seed" --out "$partial/corpus" >&2 || die "gen-audit failed"
    rm -rf "$corpus_dir"
    mv "$partial/corpus" "$corpus_dir"
    rmdir "$partial"
    partial=""
fi

# Prints one manifest value for the single generated cluster.
manifest_value() {
    python3 - "$manifest" "$1" <<'PYTHON'
import json, sys
manifest = json.load(open(sys.argv[1]))
clusters = manifest["clusters"]
if len(clusters) != 1:
    sys.exit(f"{sys.argv[1]}: expected one cluster, found {len(clusters)}")
(cluster,) = clusters.values()
print(cluster[sys.argv[2]])
PYTHON
}

expected_requests=$(manifest_value requests)
expected_forbidden=$(manifest_value forbidden_requests)
expected_403_lines=$(manifest_value lines_with_code_403)
raw_bytes=$(manifest_value audit_raw_bytes)
gzip_bytes=$(stat -c %s "$corpus")

# -------------------------------------------------------------------------------------- measuring

# Runs a command with stdout sent to OUTPUT and appends "WALL_S CPU_S RSS_KIB" to
# $workdir/NAME.times. Returns the command's exit status. With GNU time, RSS is the peak of the
# largest single process: for a pipeline run under `bash -c` it is not the sum of its processes.
run_timed() {
    local name=$1 output=$2
    shift 2
    local status=0
    if ((have_gnu_time)); then
        /usr/bin/time -f '%e %U %S %M' -o "$workdir/time.txt" "$@" >"$output" 2>"$workdir/$name.stderr" ||
            status=$?
        # GNU time writes "Command exited with non-zero status N" above the figures on failure.
        local wall user system rss
        read -r wall user system rss < <(tail -n 1 "$workdir/time.txt")
        printf '%s %s %s\n' "$wall" "$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')" \
            "$rss" >>"$workdir/$name.times"
    else
        local start end
        start=$(date +%s%N)
        "$@" >"$output" 2>"$workdir/$name.stderr" || status=$?
        end=$(date +%s%N)
        printf '%s - -\n' "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')" \
            >>"$workdir/$name.times"
    fi
    if ((status != 0)); then
        progress "$name exited with status $status; its last error lines:"
        tail -n 5 "$workdir/$name.stderr" >&2
    fi
    return "$status"
}

# Prints the median of one column of a NAME.times file (1 wall time, 2 CPU time), skipping "-".
median_column() {
    local column=$1 file=$2
    cut -d' ' -f"$column" "$file" | awk '$1 != "-"' | sort -n | awk '
        { values[NR] = $1 }
        END {
            if (NR == 0) { print "-"; exit }
            if (NR % 2) { printf "%.2f", values[(NR + 1) / 2] }
            else { printf "%.2f", (values[NR / 2] + values[NR / 2 + 1]) / 2 }
        }'
}

# Prints the largest peak RSS of a NAME.times file in MB (10^6 bytes), converted from GNU time's KiB.
max_rss_mb() {
    cut -d' ' -f3 "$1" | awk '$1 != "-"' | sort -n | tail -n 1 |
        awk '{ printf "%.1f", $1 * 1024 / 1e6 } END { if (NR == 0) print "-" }'
}

all_walls() {
    cut -d' ' -f1 "$1" | paste -sd' ' - | sed 's/ /, /g'
}

# Runs an SQL statement through authaudit and prints the single value of its single row.
query_value() {
    "$binary" query --db "$1" -o csv "$2" | tail -n 1
}

# Compares COUNT USERNAME lines with the manifest's 403 lines per requesting user. Prints PASS, or
# FAIL with the first user whose count differs.
compare_403_lines() {
    python3 - "$manifest" "$1" <<'PYTHON'
import json, sys
(cluster,) = json.load(open(sys.argv[1]))["clusters"].values()
expected = {user: count for user, count in cluster["lines_403_by_user"].items()}
found = {}
for line in open(sys.argv[2]):
    count, _, user = line.strip().partition(" ")
    found[user.strip()] = found.get(user.strip(), 0) + int(count)
if found == expected:
    print(f"PASS ({sum(found.values())} lines, {len(found)} users)")
else:
    differing = sorted(set(found) | set(expected), key=str)
    first = next(user for user in differing if found.get(user) != expected.get(user))
    print(f"FAIL ({first}: {found.get(first, 0)} counted, {expected.get(first, 0)} in the manifest)")
PYTHON
}

readonly jq_filter='select(.responseStatus.code == 403) | .user.username'
command_ingest="authaudit ingest --db <fresh temp db> audit.log.gz"
command_zcat="zcat audit.log.gz > /dev/null"
command_jq="zcat audit.log.gz | jq -r '$jq_filter' | sort | uniq -c"
command_python="python3 scripts/count-403-lines.py audit.log.gz"

load_before=$(cut -d' ' -f1-4 /proc/loadavg)
failures=0
ingest_checks_failed=0
: >"$workdir/checks.txt"

progress "warming the page cache with $corpus ($gzip_bytes bytes)"
cat "$corpus" >/dev/null

# Rounds interleave the tools, so load from other processes spreads over all of them.
for ((run = 1; run <= runs; run++)); do
    database=$workdir/run-$run.sqlite
    progress "run $run/$runs: authaudit ingest"
    if run_timed ingest "$workdir/ingest.out" "$binary" ingest --db "$database" "$corpus"; then
        requests=$(query_value "$database" "select count(*) from requests" || echo "query failed")
        forbidden=$(query_value "$database" "select count(*) from requests where code = 403" || echo "query failed")
        database_bytes=$(du -cb "$database"* | tail -n 1 | cut -f1)
    else
        failures=$((failures + 1))
        requests="ingest failed"
        forbidden="ingest failed"
        database_bytes=0
    fi
    if [[ $requests != "$expected_requests" || $forbidden != "$expected_forbidden" ]]; then
        ingest_checks_failed=1
    fi
    printf 'run %d: requests %s, forbidden %s\n' "$run" "$requests" "$forbidden" >>"$workdir/checks.txt"
    rm -f "$database" "$database"-*

    progress "run $run/$runs: zcat > /dev/null"
    run_timed zcat /dev/null zcat -- "$corpus" || failures=$((failures + 1))

    progress "run $run/$runs: zcat | jq | sort | uniq -c"
    run_timed jq "$workdir/jq.out" bash -c \
        'set -o pipefail; zcat -- "$1" | jq -r "$2" | sort | uniq -c' _ "$corpus" "$jq_filter" ||
        failures=$((failures + 1))

    progress "run $run/$runs: python3 json.loads loop"
    run_timed python "$workdir/python.out" python3 "$python_peer" "$corpus" || failures=$((failures + 1))
done

load_after=$(cut -d' ' -f1-4 /proc/loadavg)

# ----------------------------------------------------------------------------------------- report

median_wall() { median_column 1 "$workdir/$1.times"; }
ingest_wall=$(median_wall ingest)

ratio_to() {
    awk -v a="$ingest_wall" -v b="$(median_wall "$1")" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

table_row() {
    local label=$1 name=$2
    local times=$workdir/$name.times
    printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$(median_wall "$name")" "$(all_walls "$times")" \
        "$(median_column 2 "$times")" "$(max_rss_mb "$times")" "$(ratio_to "$name")"
}

if ((ingest_checks_failed)); then ingest_verdict=FAIL; else ingest_verdict=PASS; fi
jq_verdict=$(compare_403_lines "$workdir/jq.out")
python_verdict=$(compare_403_lines "$workdir/python.out")
zcat_ratio=$(ratio_to zcat)
ingest_rss=$(max_rss_mb "$workdir/ingest.times")
time_target=$(awk -v r="$zcat_ratio" -v t="$time_target_ratio" \
    'BEGIN { print (r != "-" && r <= t) ? "met" : "missed" }')
rss_target=$(awk -v m="$ingest_rss" -v t="$rss_target_mb" \
    'BEGIN { if (m == "-") print "not measured"; else print (m < t) ? "met" : "missed" }')
if [[ $ingest_rss != - ]]; then ingest_rss+=" MB"; fi
# zcat is one single-threaded process, so any gap between its wall and CPU time is time it spent
# waiting for a core that other processes held.
zcat_core_share=$(awk -v c="$(median_column 2 "$workdir/zcat.times")" -v w="$(median_wall zcat)" \
    'BEGIN { if (c == "-" || w <= 0) print "-"; else printf "%.0f%%", 100 * c / w }')

cpu_model=$(grep -m 1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory_gib=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os_name=$(. /etc/os-release && printf '%s' "$PRETTY_NAME")
swift_version=$(swift --version 2>&1 | grep -m 1 'Swift version' || echo "swift not found")
commit=$(git -C "$repo_root" rev-parse --short HEAD)
if [[ -n $(git -C "$repo_root" status --porcelain --untracked-files=no) ]]; then
    commit+=" (with uncommitted changes)"
fi
if ((have_gnu_time)); then
    time_source="GNU time (/usr/bin/time -f '%e %U %S %M')"
else
    time_source="bash, because /usr/bin/time is not installed, so no CPU time or RSS"
fi
lnav_line="lnav: not installed, skipped"
if command -v lnav >/dev/null; then
    # NOTE: no headless lnav measurement exists yet, so an installed lnav is only reported.
    lnav_line="lnav: installed ($(command -v lnav)) but not measured by this script yet"
fi
progress "$lnav_line"

report=$workdir/report.md
{
    printf '## %s, commit %s, %s events\n\n' "$(date +%F)" "${commit%% *}" "$events"
    printf 'Command: `%s`\n\n' "$invocation"
    printf -- '- Commit: %s\n' "$commit"
    printf -- '- Machine: %s cores (nproc), %s, %s memory, %s, kernel %s\n' \
        "$(nproc)" "$cpu_model" "$memory_gib" "$os_name" "$(uname -r)"
    printf -- '- Toolchain: %s\n' "$swift_version"
    printf -- '- Load average (1, 5, 15 min; running/total tasks): before %s, after %s\n' \
        "$load_before" "$load_after"
    printf -- '- Corpus: `gen-audit --events %s --gzip --seed %s`, %s bytes gzip, %s bytes raw, %s requests, ' \
        "$events" "$seed" "$gzip_bytes" "$raw_bytes" "$expected_requests"
    printf '%s forbidden requests, %s lines with code 403\n' "$expected_forbidden" "$expected_403_lines"
    printf -- '- Timing: %s; runs per measurement: %s, interleaved; database after ingest %s bytes\n\n' \
        "$time_source" "$runs" "$database_bytes"
    printf '| measurement | median wall (s) | all runs (s) | median CPU user+sys (s) | peak RSS (MB) |'
    printf ' ingest time ÷ this |\n'
    printf '| --- | ---: | --- | ---: | ---: | ---: |\n'
    table_row "authaudit ingest" ingest
    table_row "zcat > /dev/null" zcat
    table_row "zcat \\| jq \\| sort \\| uniq -c" jq
    table_row "python3 json.loads loop" python
    printf '| lnav | - | - | - | - | not installed, skipped |\n\n'
    printf 'Commands, each reading the same `audit.log.gz` from the page cache:\n\n'
    printf -- '- ingest: `%s`\n' "$command_ingest"
    printf -- '- zcat: `%s`\n' "$command_zcat"
    printf -- '- jq: `%s`\n' "$command_jq"
    printf -- '- python: `%s` (gzip.open, then json.loads on each line)\n\n' "$command_python"
    printf 'Checks:\n\n'
    printf -- '- ingest counts: %s (manifest: %s requests, %s forbidden; ' \
        "$ingest_verdict" "$expected_requests" "$expected_forbidden"
    paste -sd';' "$workdir/checks.txt" | sed 's/;/; /g; s/$/)/'
    printf -- '- jq 403 lines per user against the manifest: %s\n' "$jq_verdict"
    printf -- '- Python 403 lines per user against the manifest: %s\n' "$python_verdict"
    printf -- '- Target, ingest within %sx `zcat > /dev/null`: %s (%sx)\n' \
        "$time_target_ratio" "$time_target" "$zcat_ratio"
    printf -- '- Target, ingest peak RSS under %s MB: %s (%s)\n' "$rss_target_mb" "$rss_target" "$ingest_rss"
    printf -- '- Contention: zcat had %s of a core (median CPU time ÷ median wall time). Well below 100%%\n' \
        "$zcat_core_share"
    printf '  means other processes competed for the cores and the ratios are not reliable.\n'
    if ((failures > 0)); then
        printf -- '- %d measured command runs exited with a non-zero status\n' "$failures"
    fi
} >"$report"

cat "$report"

if ((record)); then
    benchmarks=$repo_root/docs/BENCHMARKS.md
    python3 - "$benchmarks" "$report" <<'PYTHON'
import os, sys
path, report_path = sys.argv[1], sys.argv[2]
section = open(report_path).read().rstrip("\n") + "\n"
heading = section.splitlines()[0]
lines = open(path).read().splitlines(keepends=True) if os.path.exists(path) else ["# Benchmarks\n"]
# A section runs from its "## " heading to the next one or the end of the file.
start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == heading), None)
if start is None:
    text = "".join(lines).rstrip("\n") + "\n\n" + section
else:
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    following = "".join(lines[end:])
    text = "".join(lines[:start]) + section + ("\n" + following if following else "")
open(path, "w").write(text)
PYTHON
    progress "recorded in $benchmarks"
fi

if [[ $ingest_verdict != PASS || $jq_verdict != PASS* || $python_verdict != PASS* ]] || ((failures > 0)); then
    exit 1
fi
