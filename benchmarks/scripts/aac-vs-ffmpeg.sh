#!/usr/bin/env bash
# Compares liveloom's AAC-LC encoder with ffmpeg's native aac encoder on one generated 10 s
# speech/music-like signal: achieved bitrate, segmental SNR (both decoded by ffmpeg), encode speed
# (one wall-clock run, and CPU time on one core with our encoder warmed up).
# Usage: benchmarks/scripts/aac-vs-ffmpeg.sh [rate] [channels] [kbps...]   (default 44100 2 32 64 128 256)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v ffmpeg >/dev/null || { echo "ffmpeg not found" >&2; exit 1; }
if [ ! -f benchmarks/target/benchmarks.jar ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
exec java -cp benchmarks/target/benchmarks.jar dev.liveloom.mixer.AacVsFfmpeg "$@"
