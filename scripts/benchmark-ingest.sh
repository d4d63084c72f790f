#!/usr/bin/env bash
# Benchmark `authaudit ingest` on generated kube-apiserver audit logs against the zlib inflate floor,
# zcat, jq and Python on the same files, check the ingested counts against the generator's
# manifest, time every report on the store, and print a Markdown report.
# Run `scripts/benchmark-ingest.sh --help` for the options.
set -euo pipefail

readonly default_cache=/tmp/authaudit-bench
readonly rss_target_mb=120
readonly rss_spread_target_percent=10
readonly floor_target_1m=1.3
readonly floor_target_5m=1.2
readonly bytes_per_request_target=150
readonly report_target_seconds=1
readonly rotated_events=5000000
readonly rotate_mb=200

usage() {
    cat <<'EOF'
Usage: scripts/benchmark-ingest.sh [OPTIONS]

Measure wall time and peak memory of `authaudit ingest` on generated audit logs, side by side
with a zlib inflate-only floor, `zcat > /dev/null`, a zcat | jq pipeline and a Python json.loads
loop that count 403 lines per user. Check that the ingested request and forbidden counts match
the corpus manifest, report the database bytes per stored request, and time every report of
`authaudit reports` on the ingested store. Print a Markdown report to standard output; progress
goes to standard error.

The sets:
  1m   one gzip file of --events lines (gen-audit --events N --gzip --seed 7)
  5m   5,000,000 lines rotated at 200 MB (gen-audit --events 5000000 --gzip --rotate-mb 200
       --seed 7): gzip backups plus the plain current audit.log, ingested in one command

Options:
  --set SET      1m, 5m or both (default both)
  --events N     lines in the 1m set's file (default 1000000; 200000 for a quick check)
  --runs N       runs of each measurement; the report shows the median wall time and the maximum
                 peak RSS (default 3 for the 1m set and 1 for the 5m set)
  --cache DIR    folder that keeps generated corpora between runs (default /tmp/authaudit-bench)
  --no-build     use the existing .build/release/authaudit instead of running `swift build -c release`
  --record       also add the report to docs/BENCHMARKS.md, replacing a section with the same
                 heading (date, commit and sets)
  -h, --help     print this help and exit

Environment:
  GEN_AUDIT      path of the gen-audit corpus generator (default: ../shared/tools/gen-audit next
                 to the main checkout of this repository)
  CC             C compiler for the inflate floor program (default cc)
  TMPDIR         where the scratch databases go (default /tmp); they are deleted on exit

Exit status: 0 when every correctness check passes, 1 when one fails or a command fails,
64 on a usage error. Missing a time, memory or size target is reported, not an error.
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
runs=""
sets=both
cache_dir=$default_cache
build=1
record=0
invocation="scripts/benchmark-ingest.sh"
for argument in "$@"; do
    invocation+=" $(printf '%q' "$argument")"
done

while (($# > 0)); do
    case $1 in
        --set)
            (($# >= 2)) || die_usage "--set requires a value"
            [[ $2 == 1m || $2 == 5m || $2 == both ]] || die_usage "--set expects 1m, 5m or both, got '$2'"
            sets=$2
            shift 2
            ;;
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
floor_source=$script_dir/bench-inflate-floor.c
readonly seed=7

for tool in zcat jq python3 sort uniq "${CC:-cc}"; do
    command -v "$tool" >/dev/null || die "$tool not found in PATH; the measurements need it"
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

# The floor program is small; it is compiled again whenever its source is newer than the binary.
floor_binary=$cache_dir/bin/bench-inflate-floor
if [[ ! -x $floor_binary || $floor_source -nt $floor_binary ]]; then
    mkdir -p "$cache_dir/bin"
    progress "compiling the inflate floor: ${CC:-cc} -O2 $floor_source -lz"
    "${CC:-cc}" -O2 -o "$floor_binary" "$floor_source" -lz || die "compiling $floor_source failed"
fi

# ----------------------------------------------------------------------------------------- corpora

# Generates a corpus into DIR with gen-audit ARGS unless DIR already contains a manifest. Generation
# goes to a scratch folder that is renamed at the end, so an interrupted run never leaves a corpus
# that a later run would take for complete. The exit trap deletes the scratch folder.
ensure_corpus() {
    local directory=$1
    shift
    if [[ -f $directory/manifest.json ]]; then
        progress "corpus: reusing $directory"
        return
    fi
    [[ -x $gen_audit ]] || die "generator $gen_audit not found or not executable; set GEN_AUDIT to its path"
    mkdir -p "$cache_dir"
    partial=$(mktemp -d "$cache_dir/.partial.XXXXXX")
    progress "corpus: generating gen-audit $* (about a minute per million lines)"
    "$gen_audit" "$@" --out "$partial/corpus" >&2 || die "gen-audit failed"
    rm -rf "$directory"
    mv "$partial/corpus" "$directory"
    rmdir "$partial"
    partial=""
}

# Prints the audit log files of a corpus folder, oldest first: the rotated backups (their names
# hold the rotation time) and then the current audit.log or audit.log.gz.
audit_files() {
    local directory=$1
    find "$directory" -maxdepth 1 -name 'audit-*.log*' | sort
    find "$directory" -maxdepth 1 \( -name audit.log -o -name audit.log.gz \) | sort
}

# Prints one manifest value for the single generated cluster.
manifest_value() {
    python3 - "$1" "$2" <<'PYTHON'
import json, sys
manifest = json.load(open(sys.argv[1]))
clusters = manifest["clusters"]
if len(clusters) != 1:
    sys.exit(f"{sys.argv[1]}: expected one cluster, found {len(clusters)}")
(cluster,) = clusters.values()
print(cluster[sys.argv[2]])
PYTHON
}

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
    [[ -f $file ]] || { printf -- '-'; return; }
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
    [[ -f $1 ]] || { printf -- '-'; return; }
    cut -d' ' -f3 "$1" | awk '$1 != "-"' | sort -n | tail -n 1 |
        awk '{ printf "%.1f", $1 * 1024 / 1e6 } END { if (NR == 0) print "-" }'
}

all_walls() {
    [[ -f $1 ]] || { printf -- '-'; return; }
    cut -d' ' -f1 "$1" | paste -sd' ' - | sed 's/ /, /g'
}

# Prints A / B with two decimals, or "-" when either is missing or B is zero.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b != "-" && b > 0) printf "%.2f", a / b; else print "-" }'
}

# Prints "met" when VALUE <= LIMIT (or < with a fourth argument "strict"), "missed" otherwise.
verdict() {
    awk -v v="$1" -v t="$2" -v strict="${3:-}" 'BEGIN {
        if (v == "-" || v == "") { print "not measured"; exit }
        if (strict == "strict") print (v < t) ? "met" : "missed"; else print (v <= t) ? "met" : "missed"
    }'
}

# Runs an SQL statement through authaudit and prints the single value of its single row.
query_value() {
    "$binary" query --db "$1" -o csv "$2" | tail -n 1
}

# Compares COUNT USERNAME lines with the manifest's 403 lines per requesting user. Prints PASS, or
# FAIL with the first user whose count differs.
compare_403_lines() {
    python3 - "$1" "$2" <<'PYTHON'
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

# Prints the bytes of each table and index per stored request, largest first, from SQLite's dbstat
# virtual table (compiled into Debian's sqlite3). Prints nothing without a sqlite3 shell.
storage_breakdown() {
    local database=$1 requests=$2
    command -v sqlite3 >/dev/null || return 0
    sqlite3 -readonly "$database" "
        SELECT name || ' ' || printf('%.1f', sum(pgsize) * 1.0 / $requests)
        FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC LIMIT 5" 2>/dev/null |
        awk '{ printf "%s`%s` %s", (NR > 1 ? ", " : ""), $1, $2 }'
}

readonly jq_filter='select(.responseStatus.code == 403) | .user.username'
failures=0
lnav_note="lnav: not installed, skipped"
if command -v lnav >/dev/null; then
    # NOTE: lnav has no built-in format for kube-apiserver audit lines, so no headless command
    # that does the same work as the others exists yet; an installed lnav is only reported.
    lnav_note="lnav: installed ($(command -v lnav)) but not measured: it has no format for audit lines"
fi

# Measures one set. NAME is 1m or 5m, DIRECTORY the corpus, RUNS the runs per measurement.
# Leaves $workdir/NAME/section.md and $workdir/NAME/summary (key=value lines for the targets).
measure_set() {
    local name=$1 directory=$2 set_runs=$3 generator_command=$4
    local set_dir=$workdir/$name
    mkdir -p "$set_dir"
    local manifest=$directory/manifest.json
    local -a files
    mapfile -t files < <(audit_files "$directory")
    ((${#files[@]} > 0)) || die "no audit log files in $directory"

    local expected_requests expected_forbidden expected_403_lines raw_bytes compressed_bytes gzip_files
    expected_requests=$(manifest_value "$manifest" requests)
    expected_forbidden=$(manifest_value "$manifest" forbidden_requests)
    expected_403_lines=$(manifest_value "$manifest" lines_with_code_403)
    raw_bytes=$(manifest_value "$manifest" audit_raw_bytes)
    compressed_bytes=$(cat "${files[@]}" | wc -c)
    gzip_files=$(for file in "${files[@]}"; do head -c 2 "$file" | od -An -tx1; done | grep -c '1f 8b' || true)

    progress "$name: warming the page cache with ${#files[@]} files ($compressed_bytes bytes)"
    cat "${files[@]}" >/dev/null

    local load_before load_after
    load_before=$(cut -d' ' -f1-4 /proc/loadavg)
    local ingest_failed=0 database_bytes=0 requests forbidden breakdown=""
    : >"$set_dir/checks.txt"
    local keep_database=$set_dir/kept.sqlite

    # Rounds interleave the tools, so load from other processes spreads over all of them.
    local run
    for ((run = 1; run <= set_runs; run++)); do
        local database=$set_dir/run-$run.sqlite
        progress "$name run $run/$set_runs: authaudit ingest"
        if run_timed "$name/ingest" "$set_dir/ingest.out" "$binary" ingest -q --db "$database" "${files[@]}"; then
            requests=$(query_value "$database" "select count(*) from requests" || echo "query failed")
            forbidden=$(query_value "$database" "select count(*) from requests where code = 403" || echo "query failed")
            database_bytes=$(du -cb "$database"* | tail -n 1 | cut -f1)
        else
            failures=$((failures + 1))
            requests="ingest failed"
            forbidden="ingest failed"
        fi
        if [[ $requests != "$expected_requests" || $forbidden != "$expected_forbidden" ]]; then
            ingest_failed=1
        fi
        printf 'run %d: requests %s, forbidden %s\n' "$run" "$requests" "$forbidden" >>"$set_dir/checks.txt"
        if ((run == set_runs)) && [[ -f $database ]]; then
            breakdown=$(storage_breakdown "$database" "$expected_requests")
            mv "$database" "$keep_database"
            rm -f "$database"-*
        else
            rm -f "$database" "$database"-*
        fi

        progress "$name run $run/$set_runs: zlib inflate floor"
        run_timed "$name/floor" "$set_dir/floor.out" "$floor_binary" "${files[@]}" || failures=$((failures + 1))

        progress "$name run $run/$set_runs: zcat > /dev/null"
        run_timed "$name/zcat" /dev/null zcat -f -- "${files[@]}" || failures=$((failures + 1))

        progress "$name run $run/$set_runs: zcat | jq | sort | uniq -c"
        run_timed "$name/jq" "$set_dir/jq.out" bash -c \
            'set -o pipefail; filter=$1; shift; zcat -f -- "$@" | jq -r "$filter" | sort | uniq -c' _ \
            "$jq_filter" "${files[@]}" || failures=$((failures + 1))

        progress "$name run $run/$set_runs: python3 json.loads loop"
        run_timed "$name/python" "$set_dir/python.out" python3 "$python_peer" "${files[@]}" ||
            failures=$((failures + 1))
    done
    load_after=$(cut -d' ' -f1-4 /proc/loadavg)

    # Reports run on the kept store with the corpus's reference inputs added, as a user would have
    # them: the ingest of those small files adds identities, mappings and RBAC, not requests.
    local -a references=()
    local reference
    for reference in authenticator.log aws-auth.yaml rbac.json directory.ldif; do
        [[ -f $directory/$reference ]] && references+=("$directory/$reference")
    done
    : >"$set_dir/reports.txt"
    if [[ -f $keep_database ]]; then
        if ((${#references[@]} > 0)); then
            progress "$name: adding ${#references[@]} reference inputs to the store for the reports"
            "$binary" ingest -q --db "$keep_database" "${references[@]}" >/dev/null 2>"$set_dir/references.stderr" ||
                failures=$((failures + 1))
        fi
        local report_name
        while read -r report_name; do
            [[ -n $report_name ]] || continue
            progress "$name: report $report_name"
            local report_runs=$((set_runs < 3 ? 3 : set_runs)) report_run
            for ((report_run = 1; report_run <= report_runs; report_run++)); do
                run_timed "$name/report-$report_name" /dev/null "$binary" report "$report_name" --db "$keep_database" ||
                    failures=$((failures + 1))
            done
            printf '%s\n' "$report_name" >>"$set_dir/reports.txt"
        done < <("$binary" reports -o csv | tail -n +2 | cut -d, -f1)
        rm -f "$keep_database" "$keep_database"-*
    fi

    # ------------------------------------------------------------------------------- set report
    local times=$set_dir
    local ingest_wall floor_wall zcat_share
    ingest_wall=$(median_column 1 "$times/ingest.times")
    floor_wall=$(median_column 1 "$times/floor.times")
    zcat_share=$(awk -v c="$(median_column 2 "$times/zcat.times")" -v w="$(median_column 1 "$times/zcat.times")" \
        'BEGIN { if (c == "-" || w <= 0) print "-"; else printf "%.0f%%", 100 * c / w }')
    local ingest_rss bytes_per_request floor_ratio floor_target
    ingest_rss=$(max_rss_mb "$times/ingest.times")
    bytes_per_request=$(ratio "$database_bytes" "$expected_requests" | awk '{ if ($1 == "-") print "-"; else printf "%.0f", $1 }')
    floor_ratio=$(ratio "$ingest_wall" "$floor_wall")
    if [[ $name == 1m ]]; then floor_target=$floor_target_1m; else floor_target=$floor_target_5m; fi

    local ingest_verdict=PASS jq_verdict python_verdict
    if ((ingest_failed)); then ingest_verdict=FAIL; fi
    jq_verdict=$(compare_403_lines "$manifest" "$set_dir/jq.out")
    python_verdict=$(compare_403_lines "$manifest" "$set_dir/python.out")
    if [[ $ingest_verdict != PASS || $jq_verdict != PASS* || $python_verdict != PASS* ]]; then
        failures=$((failures + 1))
    fi

    row() {
        local label=$1 key=$2 file=$times/$2.times
        printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(median_column 1 "$file")" \
            "$(all_walls "$file")" "$(median_column 2 "$file")" "$(max_rss_mb "$file")" \
            "$(ratio "$(median_column 1 "$file")" "$floor_wall")" "$(ratio "$ingest_wall" "$(median_column 1 "$file")")"
    }

    {
        printf '### %s set: %s lines\n\n' "$name" "$(manifest_value "$manifest" lines)"
        printf -- '- Corpus: `%s`, audit log files: %s (gzip: %s), %s bytes compressed, %s bytes raw, ' \
            "$generator_command" "${#files[@]}" "$gzip_files" "$compressed_bytes" "$raw_bytes"
        printf '%s requests, %s forbidden requests, %s lines with code 403\n' \
            "$expected_requests" "$expected_forbidden" "$expected_403_lines"
        printf -- '- Load average (1, 5, 15 min; running/total tasks): before %s, after %s\n' "$load_before" "$load_after"
        printf -- '- Runs per measurement: %s, interleaved; zcat had %s of a core (CPU ÷ wall; well below 100%%' \
            "$set_runs" "$zcat_share"
        printf ' means other processes competed for the cores)\n'
        printf -- '- Database after ingest: %s bytes, %s bytes per stored request' "$database_bytes" "$bytes_per_request"
        if [[ -n $breakdown ]]; then printf ' (largest per request: %s)' "$breakdown"; fi
        printf '\n\n'
        printf '| measurement | median wall (s) | all runs (s) | median CPU user+sys (s) | peak RSS (MB) |'
        printf ' this ÷ floor | ingest ÷ this |\n'
        printf '| --- | ---: | --- | ---: | ---: | ---: | ---: |\n'
        row "authaudit ingest" ingest
        row "zlib inflate floor (one core)" floor
        row "zcat > /dev/null" zcat
        row "zcat \\| jq \\| sort \\| uniq -c" jq
        row "python3 json.loads loop" python
        printf '| lnav | - | - | - | - | - | skipped |\n\n'
        if [[ -s $set_dir/reports.txt ]]; then
            printf 'Reports on this store, `authaudit report NAME --db ... > /dev/null`, median of %s runs:\n\n' \
                "$((set_runs < 3 ? 3 : set_runs))"
            printf '| report | median wall (s) | peak RSS (MB) |\n| --- | ---: | ---: |\n'
            local report_name
            while read -r report_name; do
                local file=$times/report-$report_name.times
                printf '| %s | %s | %s |\n' "$report_name" "$(median_column 1 "$file")" "$(max_rss_mb "$file")"
            done <"$set_dir/reports.txt"
            printf '\n'
        fi
        printf 'Checks:\n\n'
        printf -- '- ingest counts: %s (manifest: %s requests, %s forbidden; ' \
            "$ingest_verdict" "$expected_requests" "$expected_forbidden"
        paste -sd';' "$set_dir/checks.txt" | sed 's/;/; /g; s/$/)/'
        printf -- '- jq 403 lines per user against the manifest: %s\n' "$jq_verdict"
        printf -- '- Python 403 lines per user against the manifest: %s\n' "$python_verdict"
        printf -- '- Target, ingest within %sx the inflate floor: %s (%sx)\n' \
            "$floor_target" "$(verdict "$floor_ratio" "$floor_target")" "$floor_ratio"
        printf -- '- Target, ingest peak RSS under %s MB: %s (%s MB)\n' \
            "$rss_target_mb" "$(verdict "$ingest_rss" "$rss_target_mb" strict)" "$ingest_rss"
        if [[ $name == 5m ]]; then
            printf -- '- Target, at most %s database bytes per stored request: %s (%s)\n' \
                "$bytes_per_request_target" "$(verdict "$bytes_per_request" "$bytes_per_request_target")" \
                "$bytes_per_request"
            local slowest_report slowest_wall=0
            while read -r report_name; do
                local wall
                wall=$(median_column 1 "$times/report-$report_name.times")
                if awk -v a="$wall" -v b="$slowest_wall" 'BEGIN { exit !(a != "-" && a > b) }'; then
                    slowest_wall=$wall
                    slowest_report=$report_name
                fi
            done <"$set_dir/reports.txt"
            printf -- '- Target, every report under %s s: %s (slowest: %s, %s s)\n' "$report_target_seconds" \
                "$(verdict "$slowest_wall" "$report_target_seconds" strict)" "${slowest_report:--}" "$slowest_wall"
        fi
    } >"$set_dir/section.md"
    printf 'rss=%s\n' "$ingest_rss" >"$set_dir/summary"
}

# ------------------------------------------------------------------------------------------- runs

declare -a measured=()
if [[ $sets == 1m || $sets == both ]]; then
    one_dir=$cache_dir/events-$events-seed-$seed
    ensure_corpus "$one_dir" --events "$events" --gzip --seed "$seed"
    measure_set 1m "$one_dir" "${runs:-3}" "gen-audit --events $events --gzip --seed $seed"
    measured+=(1m)
fi
if [[ $sets == 5m || $sets == both ]]; then
    rotated_dir=$cache_dir/events-$rotated_events-seed-$seed-rotate-$rotate_mb
    ensure_corpus "$rotated_dir" --events "$rotated_events" --gzip --rotate-mb "$rotate_mb" --seed "$seed"
    measure_set 5m "$rotated_dir" "${runs:-1}" \
        "gen-audit --events $rotated_events --gzip --rotate-mb $rotate_mb --seed $seed"
    measured+=(5m)
fi

# ----------------------------------------------------------------------------------------- report

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
progress "$lnav_note"

report=$workdir/report.md
{
    printf '## %s, commit %s, ingest sets %s\n\n' "$(date +%F)" "${commit%% *}" "${measured[*]}"
    printf 'Command: `%s`\n\n' "$invocation"
    printf -- '- Commit: %s\n' "$commit"
    printf -- '- Machine: %s cores (nproc), %s, %s memory, %s, kernel %s\n' \
        "$(nproc)" "$cpu_model" "$memory_gib" "$os_name" "$(uname -r)"
    printf -- '- Toolchain: %s\n' "$swift_version"
    printf -- '- Timing: %s; the floor is `scripts/bench-inflate-floor.c` (zlib `inflate` with its CRC check,\n' \
        "$time_source"
    printf '  output discarded, one file after another on one core; a plain file is only read)\n'
    printf -- '- %s\n\n' "$lnav_note"
    for name in "${measured[@]}"; do
        cat "$workdir/$name/section.md"
        printf '\n'
    done
    if ((${#measured[@]} == 2)); then
        rss_1m=$(sed -n 's/^rss=//p' "$workdir/1m/summary")
        rss_5m=$(sed -n 's/^rss=//p' "$workdir/5m/summary")
        spread=$(awk -v a="$rss_1m" -v b="$rss_5m" \
            'BEGIN { if (a == "-" || b == "-" || a <= 0) print "-"; else printf "%.1f", 100 * (b > a ? b - a : a - b) / a }')
        printf -- '- Target, peak RSS of the 5m ingest within %s%% of the 1m ingest: %s (%s MB and %s MB, %s%%)\n' \
            "$rss_spread_target_percent" "$(verdict "$spread" "$rss_spread_target_percent")" \
            "$rss_1m" "$rss_5m" "$spread"
    fi
    if ((failures > 0)); then
        printf -- '- %d checks or measured command runs failed\n' "$failures"
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
# A section runs from its "## " heading to the next "## " heading or the end of the file.
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

if ((failures > 0)); then
    exit 1
fi
