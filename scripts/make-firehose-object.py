#!/usr/bin/env python3
"""Rewrite plain EKS control-plane logs as one Firehose S3 object of CloudWatch subscription records.

A CloudWatch Logs subscription sends each batch of log events as a gzip-compressed JSON envelope
({"messageType":"DATA_MESSAGE","logGroup":...,"logStream":...,"logEvents":[{"id","timestamp","message"}]}).
Kinesis Data Firehose writes the records to S3 back to back, so the object is a series of gzip
members whose decompressed text is `{...}{...}` with no separator. Each stream starts with a
CONTROL_MESSAGE envelope, as CloudWatch sends one when a subscription is created.

Usage:
    make-firehose-object.py --cluster NAME --out OBJECT [--audit audit.log[.gz]] [--authenticator FILE]
                            [--events-per-envelope 500]

The log group is /aws/eks/NAME/cluster, so the ingest reads the cluster from it. Audit lines go to a
kube-apiserver-audit-* stream and authenticator lines to an authenticator-* stream, as EKS names them.
"""

import argparse
import gzip
import json
import re
import sys
import zlib


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


AUDIT_TIME = re.compile(r'"stageTimestamp":"([^"]+)"')
AUTHENTICATOR_TIME = re.compile(r'time="([^"]+)"')


def milliseconds(line, pattern):
    """Returns the event time in ms since the epoch, or 0 when the line has none that parses."""
    from datetime import datetime

    match = pattern.search(line)
    if not match:
        return 0
    text = match.group(1).replace("Z", "+00:00")
    try:
        return int(datetime.fromisoformat(text).timestamp() * 1000)
    except ValueError:
        return 0


def gzip_member(payload):
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    return compressor.compress(payload) + compressor.flush()


def envelope(message_type, group, stream, events):
    return json.dumps(
        {
            "messageType": message_type,
            "owner": "123456789012",
            "logGroup": group,
            "logStream": stream,
            "subscriptionFilters": ["authaudit"],
            "logEvents": events,
        },
        separators=(",", ":"),
    ).encode()


def write_stream(out, group, stream, path, pattern, per_envelope, next_id):
    control = [{"id": "", "timestamp": 0, "message": "CWL CONTROL MESSAGE: Checking health of destination Firehose."}]
    out.write(gzip_member(envelope("CONTROL_MESSAGE", "", "", control)))
    envelopes = 1
    events = []
    with open_text(path) as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                continue
            events.append({"id": str(next_id), "timestamp": milliseconds(line, pattern), "message": line})
            next_id += 1
            if len(events) == per_envelope:
                out.write(gzip_member(envelope("DATA_MESSAGE", group, stream, events)))
                envelopes += 1
                events = []
    if events:
        out.write(gzip_member(envelope("DATA_MESSAGE", group, stream, events)))
        envelopes += 1
    return envelopes, next_id


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cluster", required=True, help="cluster name; the log group is /aws/eks/NAME/cluster")
    parser.add_argument("--out", required=True, help="path of the object to write")
    parser.add_argument("--audit", help="kube-apiserver audit log, plain or .gz")
    parser.add_argument("--authenticator", help="aws-iam-authenticator log, plain or .gz")
    parser.add_argument("--events-per-envelope", type=int, default=500, help="log events per DATA_MESSAGE")
    args = parser.parse_args()

    group = "/aws/eks/%s/cluster" % args.cluster
    envelopes = 0
    next_id = 1
    with open(args.out, "wb") as out:
        if args.audit:
            count, next_id = write_stream(
                out, group, "kube-apiserver-audit-0123456789abcdef0123456789abcdef", args.audit,
                AUDIT_TIME, args.events_per_envelope, next_id)
            envelopes += count
        if args.authenticator:
            count, next_id = write_stream(
                out, group, "authenticator-0123456789abcdef0123456789abcdef", args.authenticator,
                AUTHENTICATOR_TIME, args.events_per_envelope, next_id)
            envelopes += count
    print("%s: %d envelopes (gzip members), %d log events" % (args.out, envelopes, next_id - 1), file=sys.stderr)


if __name__ == "__main__":
    main()
