#!/usr/bin/env bash
# Measures how long `authaudit tail` takes from a line written to a followed file to the output line for it,
# and its resident memory over the run.
#
# A Python writer appends audit events (one per line, each with a new auditID) to a followed file at a fixed
# rate, in 10 ms ticks, and notes the time each line was written. A reader takes the JSON lines that
# `authaudit tail --format json` prints and notes when each auditID arrives. The delay is the difference,
# on one monotonic clock. RSS (VmRSS of /proc/PID/status) is sampled every --rss-interval seconds.
#
# Usage: scripts/benchmark-tail.sh [--binary PATH] [--rates "1000 20000"] [--seconds N | --minutes N]
#                                  [--rss-interval SECONDS]
#   --seconds / --minutes  How long each rate runs (default: 20 seconds).
#   The binary defaults to .build/release/authaudit (build it with `swift build -c release`).
set -euo pipefail

binary=".build/release/authaudit"
rates="1000 20000"
seconds=20
rss_interval=2
while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --rates) rates="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
        --rss-interval) rss_interval="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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

for rate in $rates; do
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mkdir "$work/logs"
    : > "$work/logs/audit.log"
    python3 - "$binary" "$work" "$rate" "$seconds" "$rss_interval" <<'PYTHON'
import json, os, signal, statistics, subprocess, sys, threading, time

binary, work, rate, seconds, rss_interval = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
log = os.path.join(work, "logs", "audit.log")
tail = subprocess.Popen(
    [binary, "tail", "--db", os.path.join(work, "store.db"), "--format", "json", "--quiet", os.path.join(work, "logs")],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=1 << 16)

written = {}
arrived = {}

def read_output():
    for line in tail.stdout:
        now = time.monotonic()
        try:
            arrived[json.loads(line)["auditID"]] = now
        except (ValueError, KeyError):
            pass

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
            '"requestReceivedTimestamp":"2024-05-01T08:00:00.000000Z","stageTimestamp":"2024-05-01T08:00:00.010000Z"}\n')
time.sleep(1.0)  # let tail open the store and start following
sampler.start()
tick = 0.01
number = 0
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
            audit_id = "00000000-0000-4000-8000-%012d" % number
            lines.append((audit_id, template % (audit_id, number % 50, number % 200, number % 50, 403 if number % 10 == 0 else 200)))
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
tail.send_signal(signal.SIGTERM)
status = tail.wait(timeout=30)

delays = sorted((arrived[key] - written[key]) * 1000 for key in written if key in arrived)
def percentile(values, fraction):
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else float("nan")
print(f"rate {rate} lines/s for {seconds:.0f} s: {len(written)} written, {len(arrived)} printed, exit status {status}")
print(f"  delay ms: median {statistics.median(delays) if delays else float('nan'):.1f}, "
      f"p99 {percentile(delays, 0.99):.1f}, max {delays[-1] if delays else float('nan'):.1f}")
if rss:
    print(f"  RSS MiB ({len(rss)} samples every {rss_interval:g} s): first {rss[0]:.1f}, last {rss[-1]:.1f}, max {max(rss):.1f}")
    steps = [rss[min(len(rss) - 1, len(rss) * step // 10)] for step in range(11)]
    print("  RSS MiB at each tenth of the run: " + " ".join(f"{value:.0f}" for value in steps))
PYTHON
    rm -rf "$work"
    trap - EXIT
done
echo "load average after: $(cut -d' ' -f1-4 /proc/loadavg)"
