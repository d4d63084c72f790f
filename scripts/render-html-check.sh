#!/usr/bin/env bash
# Renders an HTML page with headless Chromium into a PNG screenshot and checks that the screenshot is not
# blank, so a broken page (empty body, unparsed markup, CSS hiding everything) fails loudly.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: scripts/render-html-check.sh FILE.html OUT.png

Renders FILE.html in a 1280x900 window with headless Chromium, writes the screenshot to OUT.png, and
exits 0 when the screenshot shows content: more than one colour and at least 0.5% of its pixels not
white. Exits 1 when it is blank, 2 on a usage error or when Chromium fails.

Environment: CHROMIUM is the browser to run (default: chromium, then chromium-browser, on PATH).
Install it on Debian with: apt-get install -y chromium
USAGE
}

if [ $# -eq 1 ] && { [ "$1" = "-h" ] || [ "$1" = "--help" ]; }; then
    usage
    exit 0
fi
if [ $# -ne 2 ]; then
    usage >&2
    exit 2
fi
page="$1"
screenshot="$2"
if [ ! -f "$page" ]; then
    echo "render-html-check: $page: file not found" >&2
    exit 2
fi

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
    browser="$(command -v chromium || command -v chromium-browser || true)"
fi
if [ -z "$browser" ]; then
    echo "render-html-check: chromium not found; install it with 'apt-get install -y chromium' or set CHROMIUM" >&2
    exit 2
fi

page_url="file://$(realpath "$page")"
screenshot_path="$(realpath -m "$screenshot")"
# A fresh profile keeps the run from reading or writing the user's Chromium settings.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$screenshot_path"

if ! timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$profile" --screenshot="$screenshot_path" --window-size=1280,900 "$page_url" \
    >"$profile/chromium.log" 2>&1; then
    echo "render-html-check: $browser failed on $page_url:" >&2
    cat "$profile/chromium.log" >&2
    exit 2
fi
if [ ! -s "$screenshot_path" ]; then
    echo "render-html-check: $browser wrote no screenshot to $screenshot_path:" >&2
    cat "$profile/chromium.log" >&2
    exit 2
fi

# Decodes the PNG with the standard library only (zlib and struct) and counts colours.
python3 - "$screenshot_path" <<'PY'
import struct
import sys
import zlib


def fail(message):
    print(f"render-html-check: {message}", file=sys.stderr)
    sys.exit(2)


path = sys.argv[1]
with open(path, "rb") as file:
    data = file.read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    fail(f"{path}: not a PNG file")

position = 8
header = None
compressed = bytearray()
while position < len(data):
    length, kind = struct.unpack(">I4s", data[position:position + 8])
    body = data[position + 8:position + 8 + length]
    position += 12 + length
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        compressed += body
    elif kind == b"IEND":
        break

if header is None:
    fail(f"{path}: no IHDR chunk")
width, height, bit_depth, colour_type, _, _, interlace = header
channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour_type)
if bit_depth != 8 or channels is None or interlace != 0:
    fail(f"{path}: unsupported PNG (bit depth {bit_depth}, colour type {colour_type}, interlace {interlace}); "
         "expected 8-bit grey or RGB(A), not interlaced")

raw = zlib.decompress(bytes(compressed))
stride = width * channels
previous = bytearray(stride)
colours = set()
non_white = 0
offset = 0
for _ in range(height):
    filter_type = raw[offset]
    line = bytearray(raw[offset + 1:offset + 1 + stride])
    offset += 1 + stride
    for i in range(stride):
        left = line[i - channels] if i >= channels else 0
        up = previous[i]
        upper_left = previous[i - channels] if i >= channels else 0
        if filter_type == 1:
            line[i] = (line[i] + left) & 0xFF
        elif filter_type == 2:
            line[i] = (line[i] + up) & 0xFF
        elif filter_type == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif filter_type == 4:
            estimate = left + up - upper_left
            distances = (abs(estimate - left), abs(estimate - up), abs(estimate - upper_left))
            predictor = left if distances[0] <= distances[1] and distances[0] <= distances[2] else (
                up if distances[1] <= distances[2] else upper_left)
            line[i] = (line[i] + predictor) & 0xFF
    for i in range(0, stride, channels):
        colour = bytes(line[i:i + min(channels, 3)])
        colours.add(colour)
        if any(value < 250 for value in colour):
            non_white += 1
    previous = line

share = non_white / (width * height)
print(f"render-html-check: {path}: {width}x{height}, {len(colours)} colours, {share:.2%} of pixels not white")
if len(colours) < 2 or share < 0.005:
    print(f"render-html-check: {path}: the screenshot is blank", file=sys.stderr)
    sys.exit(1)
PY
