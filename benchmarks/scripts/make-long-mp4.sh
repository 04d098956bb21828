#!/usr/bin/env bash
# Makes /tmp/liveloom-bench/2h.mp4: a 2-hour 640x360 H.264 + AAC MP4 with moov at the end (~500k
# samples), by looping a 10 s clip with stream copy (seconds, not hours, to make).
set -euo pipefail
out=${1:-/tmp/liveloom-bench}
mkdir -p "$out"
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
ff -f lavfi -i testsrc2=size=640x360:rate=25:duration=10 -f lavfi -i sine=frequency=440:sample_rate=44100:duration=10 \
   -c:v libx264 -preset ultrafast -crf 40 -g 50 -c:a aac -b:a 32k "$out/clip.mp4"
ff -stream_loop 719 -i "$out/clip.mp4" -c copy "$out/2h.mp4"
ls -la "$out/2h.mp4"
