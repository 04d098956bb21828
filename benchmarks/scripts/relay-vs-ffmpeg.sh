#!/usr/bin/env bash
# 100 relays of a 2.5 Mbps file from a local HTTP server (nginx), side by side in one run:
#  - liveloom: 100 relay tasks in one JVM (benchmarks.jar RelayLoad)
#  - ffmpeg:   100 x `ffmpeg -re -stream_loop -1 -i URL -c copy -f flv rtmp://…`
# both pushing to the same nginx-rtmp on loopback. Prints CPU per stream and the ratio.
# N=tasks SECS=measured seconds after WARMUP seconds (both sides); SKIP_FFMPEG=1 runs our side only; JAVA_OPTS go to our JVM.
# Needs ffmpeg, nginx with the RTMP module, python3; build first:
#   mvn -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
N=${N:-100}
SECS=${SECS:-30}
WARMUP=${WARMUP:-30}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; pkill -f "$work" 2>/dev/null || true' EXIT
ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=25:duration=10 \
  -f lavfi -i sine=frequency=440:sample_rate=44100:duration=10 -c:v libx264 -preset ultrafast -b:v 2400k \
  -maxrate 2500k -bufsize 2500k -g 50 -c:a aac -b:a 96k -movflags +faststart "$work/a.mp4"
port=$((20000 + RANDOM % 20000))
cat > "$work/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
user $(id -un);
worker_processes 1;
error_log $work/error.log warn;
pid $work/nginx.pid;
events { worker_connections 4096; }
rtmp { server { listen 127.0.0.1:$port; chunk_size 4096; application live { live on; } } }
# the file, for both sides (ffmpeg's -stream_loop over http seeks back, which needs Range requests)
http { access_log off; server { listen 127.0.0.1:$((port + 1)); root $work; } }
CONF
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
sleep 1
ticks() { # total utime+stime clock ticks of the given pids
  local t=0; for p in "$@"; do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
hz=$(getconf CLK_TCK)

echo "== liveloom: $N relays in one JVM"
java ${JAVA_OPTS:-} -Dliveloom.warmupSeconds="$WARMUP" -cp "$here/target/benchmarks.jar" dev.liveloom.relay.RelayLoad "http://127.0.0.1:$((port + 1))/a.mp4" "$N" "$SECS" "rtmp://127.0.0.1:$port/live" \
  2>/dev/null | tee "$work/liveloom.txt"
ours=$(sed -n 's/.*cpuPerStreamPct=\([0-9.]*\).*/\1/p' "$work/liveloom.txt")

[ -n "${SKIP_FFMPEG:-}" ] && exit 0
echo "== ffmpeg: $N processes"
hport=$((port + 1))
pids=()
for i in $(seq 1 "$N"); do
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "http://127.0.0.1:$hport/a.mp4" -c copy -f flv \
    "rtmp://127.0.0.1:$port/live/f$i" </dev/null >/dev/null 2>&1 &
  pids+=($!)
done
sleep "$WARMUP"
t0=$(ticks "${pids[@]}"); s0=$(date +%s.%N)
sleep "$SECS"
t1=$(ticks "${pids[@]}"); s1=$(date +%s.%N)
theirs=$(python3 -c "print(round(($t1-$t0)/$hz/($s1-$s0)/$N*100, 3))")
alive=$(for p in "${pids[@]}"; do [ -d /proc/$p ] && echo 1; done | wc -l)
threads=$(for p in "${pids[@]}"; do [ -d /proc/$p ] && ls /proc/$p/task | wc -l; done | awk '{s+=$1} END {print s}')
echo "ffmpeg: processes=$alive threads=$threads cpuPerStreamPct=$theirs"
kill "${pids[@]}" 2>/dev/null || true
python3 -c "print('liveloom CPU per stream / ffmpeg CPU per stream = %.3f (target <= 0.2)' % ($ours/$theirs))"
