#!/usr/bin/env python3
"""Count audit log lines with response code 403 per user.username, as a plain-Python peer.

Reads one audit.k8s.io/v1 Event per line from each file named (gzip-compressed or plain, told
apart by the gzip magic bytes, as zcat -f does) and prints `COUNT USERNAME` lines sorted by
username, the same output shape as `jq ... | sort | uniq -c`. It counts lines, not
requests: a forbidden watch writes a 403 line for both ResponseStarted and ResponseComplete.
"""

import collections
import gzip
import json
import sys


def main() -> int:
    if len(sys.argv) < 2:
        print("usage: count-403-lines.py AUDIT_LOG [AUDIT_LOG ...]", file=sys.stderr)
        return 64

    counts = collections.Counter()
    for path in sys.argv[1:]:
        with open(path, "rb") as file:
            is_gzip = file.read(2) == b"\x1f\x8b"
        with (gzip.open(path, "rb") if is_gzip else open(path, "rb")) as lines:
            for line in lines:
                event = json.loads(line)
                status = event.get("responseStatus") or {}
                if status.get("code") == 403:
                    user = event.get("user") or {}
                    counts[user.get("username")] += 1

    for username, count in sorted(counts.items(), key=lambda item: str(item[0])):
        print(f"{count:7d} {username}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
