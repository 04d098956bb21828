#!/usr/bin/env bash
# BD-rate of our H.264 encoder against x264 (same preset, rate-controlled runs of h264-vs-x264.sh
# at several bitrates): the average bitrate difference at equal PSNR-Y (negative: we need fewer
# bits), and the average PSNR-Y difference at equal bitrate (Bjontegaard, cubic fit of PSNR over
# log rate, integrated over the overlapping range).
# Usage: benchmarks/scripts/h264-bdrate.sh [width height seconds source profile preset "kbps ..."]
#   JAR=... selects another benchmarks.jar (e.g. a build of an older commit).
set -euo pipefail
W=${1:-1280}; H=${2:-720}; SECS=${3:-10}; SRC=${4:-mandelbrot}; PROFILE=${5:-main}; PRESET=${6:-ultrafast}
RATES=${7:-"1000 2500 5000"}
DIR=$(cd "$(dirname "$0")" && pwd)
POINTS=$(mktemp); trap 'rm -f "$POINTS"' EXIT
for k in $RATES; do
  out=$("$DIR/h264-vs-x264.sh" "$W" "$H" "$SECS" "$k" "$SRC" "$PROFILE" "$PRESET" 1)
  echo "$out" | sed -n '2,5p' | sed "s/^/[$k kbps] /"
  # the results line, not the allocation line that follows it
  ours=$(echo "$out" | awk '$1 == "liveloom" && $2 != "allocated" {print $3, $4}')
  x264=$(echo "$out" | awk '$1 == "x264" {print $3, $4}')
  echo "$ours $x264" >> "$POINTS"
done
python3 - "$POINTS" <<'PY'
import math, sys
import numpy as np
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
ours = sorted((math.log10(r[0]), r[1]) for r in rows)
x264 = sorted((math.log10(r[2]), r[3]) for r in rows)
deg = min(3, len(rows) - 1)

def integral(pts, lo, hi, x_of_y):
    # x_of_y: fit log-rate as a function of PSNR (BD-rate) or PSNR of log-rate (BD-PSNR)
    xs = [p[1] for p in pts] if x_of_y else [p[0] for p in pts]
    ys = [p[0] for p in pts] if x_of_y else [p[1] for p in pts]
    P = np.polyint(np.polyfit(xs, ys, deg))
    return (np.polyval(P, hi) - np.polyval(P, lo)) / (hi - lo)

lo = max(min(p[1] for p in ours), min(p[1] for p in x264))
hi = min(max(p[1] for p in ours), max(p[1] for p in x264))
if hi > lo:
    d = integral(ours, lo, hi, True) - integral(x264, lo, hi, True)
    print("BD-rate liveloom vs x264: %+.2f %% (PSNR-Y %.2f..%.2f dB)" % ((10 ** d - 1) * 100, lo, hi))
else:
    print("BD-rate: PSNR ranges do not overlap")
lo = max(ours[0][0], x264[0][0]); hi = min(ours[-1][0], x264[-1][0])
if hi > lo:
    print("BD-PSNR liveloom vs x264: %+.3f dB" % (integral(ours, lo, hi, False) - integral(x264, lo, hi, False)))
PY
