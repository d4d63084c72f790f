#!/usr/bin/env bash
# Measures how long `authaudit tail` takes from a line written to a followed file to the output line for it,
# and its resident memory over the run.
#
# A Python writer appends audit events (one per line, each with a new auditID) to a followed file at a fixed
# rate, in 10 ms ticks, and notes the time each line was written. A reader takes the JSON lines that
# `authaudit tail --format json` prints and notes when each auditID arrives. The delay is the difference,
# on one monotonic clock. RSS (VmRSS of /proc/PID/status) is sampled every --rss-interval seconds, and the
# CPU time tail used (utime + stime of /proc/PID/stat) is read at the end.
#
# Usage: scripts/benchmark-tail.sh [--binary PATH] [--rates "1000 20000"] [--seconds N | --minutes N]
#                                  [--rss-interval SECONDS] [--prefill N | --prefilled-store PATH]
#                                  [--ids random|sequential]
#   --seconds / --minutes  How long each rate runs (default: 20 seconds).
#   --prefill N            Store N requests with random auditIDs before tail starts, so a run starts in the
#                          state a long run reaches (default: 0). The store is built once, by ingesting one
#                          event and copying its row with SQL, and copied for each rate.
#   --prefilled-store PATH Start each rate from a copy of this store instead, such as one kept from an
#                          earlier --prefill run with --keep-prefilled-store PATH.
#   --ids                  auditIDs of the written lines: random UUIDv4 as kube-apiserver makes them, or
#                          sequential, which keeps every index insert at the end of its b-tree
#                          (default: random).
#   The binary defaults to .build/release/authaudit (build it with `swift build -c release`).
set -euo pipefail

binary=".build/release/authaudit"
rates="1000 20000"
seconds=20
rss_interval=2
prefill=0
prefilled_store=""
keep_store=""
ids=random
while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --rates) rates="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
        --rss-interval) rss_interval="$2"; shift 2 ;;
        --prefill) prefill="$2"; shift 2 ;;
        --prefilled-store) prefilled_store="$2"; shift 2 ;;
        --keep-prefilled-store) keep_store="$2"; shift 2 ;;
        --ids) ids="$2"; shift 2 ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) echo "benchmark-tail.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done
if [[ ! -x "$binary" ]]; then
    echo "benchmark-tail.sh: $binary not found; run 'swift build -c release' or pass --binary" >&2
    exit 1
fi

echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "load average before: $(cut -d' ' -f1-4 /proc/loadavg)"

prefilled=""
cleanup() {
    rm -rf "${work:-}" "$prefilled"
}
trap cleanup EXIT
if (( prefill > 0 )); then
    prefilled=$(mktemp -d)
    started=$(date +%s)
    echo '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"ffffffff-ffff-4fff-bfff-ffffffffffff","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/team-0/pods","verb":"list","user":{"username":"user-0","groups":["system:authenticated"]},"sourceIPs":["10.0.0.1"],"userAgent":"kubectl/v1.30.0","objectRef":{"resource":"pods","namespace":"team-0","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2024-04-01T08:00:00.000000Z","stageTimestamp":"2024-04-01T08:00:00.010000Z"}' \
        > "$prefilled/seed.log"
    "$binary" ingest --db "$prefilled/store.db" --quiet "$prefilled/seed.log" > /dev/null
    python3 - "$prefilled/store.db" "$prefill" <<'PYTHON'
import sqlite3, sys

path, count = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA synchronous = OFF")
db.execute("PRAGMA cache_size = -1048576")  # 1 GiB, so the random auditIDs of the copies stay in memory
columns = ("received_at, completed_at, stages, response_stage, level, verb_id, identity_id, resource_id, "
           "namespace_id, code, source_ip_id, user_agent_id, source_id")
chunk = 1_000_000
done = 0
while done < count:
    size = min(chunk, count - done)
    db.execute("BEGIN")
    # Each copy gets a random 16-byte auditID (the stored form of a UUID) and a received_at 50 us apart,
    # ending before the seed event's time.
    db.execute(f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {size})
        INSERT INTO requests (audit_id, {columns})
        SELECT randomblob(16), r.received_at - ({count} - {done} - i) * 50, r.completed_at - ({count} - {done} - i) * 50,
               r.stages, r.response_stage, r.level, r.verb_id, r.identity_id, r.resource_id, r.namespace_id,
               CASE WHEN i % 10 = 0 THEN 403 ELSE 200 END, r.source_ip_id, r.user_agent_id, r.source_id
        FROM n, (SELECT * FROM requests ORDER BY id LIMIT 1) r""")
    db.execute("COMMIT")
    done += size
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PYTHON
    echo "prefill: $prefill requests stored in $(( $(date +%s) - started )) s," \
        "store $(( $(stat -c %s "$prefilled/store.db") / 1048576 )) MiB"
    if [[ -n "$keep_store" ]]; then
        cp "$prefilled/store.db" "$keep_store"
    fi
    prefilled_store="$prefilled/store.db"
elif [[ -n "$prefilled_store" ]]; then
    echo "prefilled store: $prefilled_store, $(( $(stat -c %s "$prefilled_store") / 1048576 )) MiB"
fi

for rate in $rates; do
    work=$(mktemp -d)
    mkdir "$work/logs"
    : > "$work/logs/audit.log"
    if [[ -n "$prefilled_store" ]]; then
        cp "$prefilled_store" "$work/store.db"
    fi
    python3 - "$binary" "$work" "$rate" "$seconds" "$rss_interval" "$ids" <<'PYTHON'
import os, random, signal, statistics, subprocess, sys, threading, time

binary, work, rate, seconds, rss_interval = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
random_ids = sys.argv[6] == "random"
log = os.path.join(work, "logs", "audit.log")
tail = subprocess.Popen(
    [binary, "tail", "--db", os.path.join(work, "store.db"), "--format", "json", "--quiet", os.path.join(work, "logs")],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=1 << 16)

written = {}
arrived = {}

marker = b'"auditID":"'
def read_output():
    # A slice instead of json.loads keeps the reader's share of the CPU small at 20,000 lines/s.
    for line in tail.stdout:
        now = time.monotonic()
        start = line.find(marker)
        if start >= 0:
            start += len(marker)
            arrived[line[start:line.index(b'"', start)].decode()] = now

reader = threading.Thread(target=read_output, daemon=True)
reader.start()

rss = []
stop_sampling = threading.Event()
def sample_rss():
    while not stop_sampling.is_set():
        try:
            with open(f"/proc/{tail.pid}/status") as status:
                for field in status:
                    if field.startswith("VmRSS:"):
                        rss.append(int(field.split()[1]) / 1024)
        except FileNotFoundError:
            return
        stop_sampling.wait(rss_interval)
sampler = threading.Thread(target=sample_rss, daemon=True)

template = ('{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"%s","stage":"ResponseComplete",'
            '"requestURI":"/api/v1/namespaces/team-%d/pods","verb":"list","user":{"username":"user-%d","groups":'
            '["system:authenticated"]},"sourceIPs":["10.0.0.1"],"userAgent":"kubectl/v1.30.0","objectRef":{"resource":'
            '"pods","namespace":"team-%d","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":%d},'
            '"requestReceivedTimestamp":"%s","stageTimestamp":"%s"}\n')

# Lines carry the wall-clock time they are written at, as kube-apiserver's do, so the store receives them
# in time order after the prefilled requests. The formatted second is cached: formatting it for every line
# would take a noticeable share of the writer's core at 20,000 lines/s.
formatted_second = (None, "")
def timestamp(microseconds):
    global formatted_second
    second, fraction = divmod(microseconds, 1_000_000)
    if formatted_second[0] != second:
        formatted_second = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
    return "%s.%06dZ" % (formatted_second[1], fraction)
time.sleep(1.0)  # let tail open the store and start following
sampler.start()
tick = 0.01
number = 0
generator = random.Random(7)
start = time.monotonic()
with open(log, "a") as output:
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= seconds:
            break
        due = int(elapsed * rate) + 1
        lines = []
        while number < due:
            number += 1
            if random_ids:
                bits = generator.getrandbits(128)
                audit_id = "%08x-%04x-4%03x-%04x-%012x" % (
                    bits >> 96, (bits >> 80) & 0xFFFF, (bits >> 68) & 0xFFF, 0x8000 | (bits >> 52) & 0x3FFF,
                    bits & 0xFFFFFFFFFFFF)
            else:
                audit_id = "00000000-0000-4000-8000-%012d" % number
            received = time.time_ns() // 1000
            lines.append((audit_id, template % (
                audit_id, number % 50, number % 200, number % 50, 403 if number % 10 == 0 else 200,
                timestamp(received), timestamp(received + 10_000))))
        if lines:
            now = time.monotonic()
            output.write("".join(text for _, text in lines))
            output.flush()
            for audit_id, _ in lines:
                written[audit_id] = now
        time.sleep(max(0.0, start + (int(elapsed / tick) + 1) * tick - time.monotonic()))

deadline = time.monotonic() + 30
while len(arrived) < len(written) and time.monotonic() < deadline:
    time.sleep(0.05)
stop_sampling.set()
with open(f"/proc/{tail.pid}/stat") as stat:
    fields = stat.read().rsplit(")", 1)[1].split()
    tail_cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
# Time tail's main thread was runnable but waited for a core: how much other processes held it back.
with open(f"/proc/{tail.pid}/task/{tail.pid}/schedstat") as schedstat:
    main_run, main_wait = (int(value) / 1e9 for value in schedstat.read().split()[:2])
tail.send_signal(signal.SIGTERM)
status = tail.wait(timeout=30)

delays = sorted((arrived[key] - written[key]) * 1000 for key in written if key in arrived)
def percentile(values, fraction):
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else float("nan")
print(f"rate {rate} lines/s for {seconds:.0f} s: {len(written)} written, {len(arrived)} printed, exit status {status}")
print(f"  delay ms: median {statistics.median(delays) if delays else float('nan'):.1f}, "
      f"p99 {percentile(delays, 0.99):.1f}, max {delays[-1] if delays else float('nan'):.1f}")
own_cpu = sum(os.times()[:2])
print(f"  CPU s: tail {tail_cpu:.1f} ({tail_cpu / max(1, len(arrived)) * 1e6:.0f} us per printed line), "
      f"writer and reader {own_cpu:.1f}")
print(f"  tail main thread: {main_run:.1f} s on a core, {main_wait:.1f} s runnable but waiting for one")
if rss:
    print(f"  RSS MiB ({len(rss)} samples every {rss_interval:g} s): first {rss[0]:.1f}, last {rss[-1]:.1f}, max {max(rss):.1f}")
    steps = [rss[min(len(rss) - 1, len(rss) * step // 10)] for step in range(11)]
    print("  RSS MiB at each tenth of the run: " + " ".join(f"{value:.0f}" for value in steps))
PYTHON
    rm -rf "$work"
done
echo "load average after: $(cut -d' ' -f1-4 /proc/loadavg)"
