#!/usr/bin/env bash
# Side by side: our H.264 encoder vs x264 (same preset, one thread) on the same raw input.
# Prints size, bitrate, PSNR (Y) and encode speed of both, and the ratios.
# Usage: benchmarks/scripts/h264-vs-x264.sh [width height seconds kbps source profile preset threads]
#   source: mandelbrot (default; ffmpeg's zoom), natural (mandelbrot rendered 5/4 larger, panned at
#   about one sample per frame to the right and 1/3 down, with temporal noise: camera-like texture,
#   sub-sample motion and grain) or testsrc2; profile: baseline (default, CAVLC) or main/high (CABAC;
#   x264 then runs with cabac=1 too); preset: ultrafast (default) ...; threads: ours (x264 keeps 1).
#   WARMUP_FRAMES (default 150): frames our encoder codes once, untimed, before the timed run (JIT
#   warm-up). JAVA_OPTS (default: --add-modules jdk.incubator.vector, which turns on the vector
#   kernels; set it to -Dliveloom.simd=false for the portable ones) goes to our encoder's JVM.
#   Needs benchmarks/target/benchmarks.jar (mvn -pl benchmarks -am package).
set -euo pipefail
W=${1:-1280}; H=${2:-720}; SECS=${3:-10}; KBPS=${4:-2500}; SRC=${5:-mandelbrot}
PROFILE=${6:-baseline}; PRESET=${7:-ultrafast}; THREADS=${8:-1}
X264_PARAMS=""
if [ "$PROFILE" != baseline ]; then X264_PARAMS="-x264-params cabac=1 -profile:v $PROFILE"; fi
FPS=30; GOP=60
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="${JAR:-$ROOT/benchmarks/target/benchmarks.jar}"
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 1; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
if [ "$SRC" = natural ]; then
  LAVFI="mandelbrot=size=$((W * 5 / 4 / 2 * 2))x$((H * 5 / 4 / 2 * 2)):rate=$FPS,crop=$W:$H:x='t*$((W / 40))':y='t*$((H / 80))',noise=alls=4:allf=t"
else
  LAVFI="$SRC=size=${W}x${H}:rate=$FPS"
fi
ffmpeg -v error -f lavfi -i "$LAVFI" -t "$SECS" -pix_fmt yuv420p -f rawvideo "$TMP/in.yuv"

ours=$(java ${JAVA_OPTS---add-modules jdk.incubator.vector} -Dliveloom.warmupFrames="${WARMUP_FRAMES:-150}" -cp "$JAR" dev.liveloom.mixer.H264EncodeFile "$TMP/in.yuv" "$W" "$H" "$FPS" "$KBPS" "$GOP" "$PRESET" "$TMP/ours.h264" "$PROFILE" "$THREADS")
ours_fps=$(echo "$ours" | awk '{print $6}')
# with our threads the calling thread's CPU time misses the workers: take the process's then
if [ "$THREADS" -gt 1 ]; then ours_cpu_fps=$(echo "$ours" | awk '{print $10}'); else ours_cpu_fps=$(echo "$ours" | awk '{print $8}'); fi
ours_alloc=$(echo "$ours" | awk '{print $12}')

t0=$(date +%s.%N)
ffmpeg -hide_banner -nostats -v info -benchmark -f rawvideo -pix_fmt yuv420p -s "${W}x${H}" -r "$FPS" -i "$TMP/in.yuv" -c:v libx264 -preset "$PRESET" $X264_PARAMS \
  -threads 1 -b:v "${KBPS}k" -maxrate "${KBPS}k" -bufsize "${KBPS}k" -g "$GOP" -bf 0 -f h264 "$TMP/x264.h264" \
  2> "$TMP/x264.log"
t1=$(date +%s.%N)
x264_utime=$(grep -o 'utime=[0-9.]*' "$TMP/x264.log" | cut -d= -f2)
x264_cpu_fps=$(echo "$SECS * $FPS / $x264_utime" | bc -l)
frames=$((SECS * FPS))
x264_fps=$(echo "$frames / ($t1 - $t0)" | bc -l)

psnr() {
  ffmpeg -r "$FPS" -i "$1" -f rawvideo -pix_fmt yuv420p -s "${W}x${H}" -r "$FPS" -i "$TMP/in.yuv" \
    -lavfi "[0:v][1:v]psnr" -f null - 2>&1 | grep -o "y:[0-9.inf]*" | head -1 | cut -d: -f2
}
ssim() {
  ffmpeg -r "$FPS" -i "$1" -f rawvideo -pix_fmt yuv420p -s "${W}x${H}" -r "$FPS" -i "$TMP/in.yuv" \
    -lavfi "[0:v][1:v]ssim" -f null - 2>&1 | grep -o "All:[0-9.inf]*" | head -1 | cut -d: -f2
}
ours_psnr=$(psnr "$TMP/ours.h264")
x264_psnr=$(psnr "$TMP/x264.h264")
ours_ssim=$(ssim "$TMP/ours.h264")
x264_ssim=$(ssim "$TMP/x264.h264")
ours_bytes=$(stat -c %s "$TMP/ours.h264")
x264_bytes=$(stat -c %s "$TMP/x264.h264")
ours_kbps=$(echo "$ours_bytes * 8 / $SECS / 1000" | bc -l)
x264_kbps=$(echo "$x264_bytes * 8 / $SECS / 1000" | bc -l)

printf "input %s %dx%d %ds %d fps, asked %d kbps, GOP %d, %s %s, our threads %d\n" "$SRC" "$W" "$H" "$SECS" "$FPS" "$KBPS" "$GOP" "$PROFILE" "$PRESET" "$THREADS"
printf "%-10s %10s %10s %10s %10s %10s %10s\n" encoder bytes kbps psnr_y fps cpu_fps ssim
printf "%-10s %10d %10.1f %10s %10.1f %10.1f %10s\n" liveloom "$ours_bytes" "$ours_kbps" "$ours_psnr" "$ours_fps" "$ours_cpu_fps" "$ours_ssim"
printf "%-10s %10d %10.1f %10s %10.1f %10.1f %10s\n" x264 "$x264_bytes" "$x264_kbps" "$x264_psnr" "$x264_fps" "$x264_cpu_fps" "$x264_ssim"
printf "liveloom allocated %s KiB per frame (JAVA_OPTS: %s)\n" "$ours_alloc" "${JAVA_OPTS---add-modules jdk.incubator.vector}"
printf "ratios liveloom/x264: bytes %.3f, cpu fps %.3f, psnr_y diff %.2f dB, ssim %.4f\n" \
  "$(echo "$ours_bytes / $x264_bytes" | bc -l)" "$(echo "$ours_cpu_fps / $x264_cpu_fps" | bc -l)" \
  "$(echo "$ours_psnr - $x264_psnr" | bc -l)" "$(echo "$ours_ssim / $x264_ssim" | bc -l)"
