#!/usr/bin/env bash
# SRT receive of a ~20 Mbps MPEG-TS stream on loopback, side by side in one run:
#  - liveloom: benchmarks.jar SrtReceive (listener; receives, reorders, TSBPD, discards; DEMUX=1 also demuxes)
#  - srt-live-transmit "srt://:PORT?mode=listener" file://con > /dev/null
# each fed by its own `ffmpeg -re -stream_loop -1 -i 20mbps.ts -c copy -f mpegts srt://…` caller.
# CPU is the receiver process's utime+stime over SECS seconds after WARM seconds of warm-up,
# reported per Mbps received. Needs ffmpeg with libsrt and libx264, srt-tools, python3; build first:
#   mvn -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
SECS=${SECS:-20}
WARM=${WARM:-10}
RATE=${RATE:-20M}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
hz=$(getconf CLK_TCK)
ticks() { [ -r /proc/$1/stat ] && awk '{print $14+$15}' /proc/$1/stat || echo 0; }

echo "== making a 10 s ${RATE}bps 1080p stream"
ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=25:duration=10 \
  -f lavfi -i sine=frequency=440:sample_rate=48000:duration=10 -c:v libx264 -preset ultrafast \
  -b:v "$RATE" -minrate "$RATE" -maxrate "$RATE" -bufsize 4M -x264-params nal-hrd=cbr -g 50 \
  -c:a aac -b:a 128k -f mpegts "$work/in.ts"
ls -l "$work/in.ts"

send() { # $1 port
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$work/in.ts" -c copy -f mpegts \
    "srt://127.0.0.1:$1?pkt_size=1316" </dev/null >/dev/null 2>&1 &
  sender=$!
  pids+=($sender)
}

measure() { # $1 pid -> prints cpu seconds per second (1.0 = one core) over SECS after WARM
  sleep "$WARM"
  local t0 s0 t1 s1
  t0=$(ticks "$1"); s0=$(date +%s.%N)
  sleep "$SECS"
  t1=$(ticks "$1"); s1=$(date +%s.%N)
  python3 -c "print(round(($t1-$t0)/$hz/($s1-$s0), 4))"
}

echo "== liveloom SrtReceive"
port=$((20000 + RANDOM % 20000))
java -cp "$here/target/benchmarks.jar" dev.liveloom.srt.SrtReceive "srt://:$port?mode=listener" \
  $((WARM + SECS)) ${DEMUX:+--demux} > "$work/ours.txt" 2> "$work/ours.err" &
jpid=$!
pids+=($jpid)
sleep 2
send "$port"
ours_cpu=$(measure "$jpid")
wait "$jpid" || true
cat "$work/ours.txt" "$work/ours.err"
ours_mbps=$(sed -n 's/.*mbps=\([0-9.]*\).*/\1/p' "$work/ours.txt")
kill "$sender" 2>/dev/null || true

echo "== srt-live-transmit"
port=$((20000 + RANDOM % 20000))
mkfifo "$work/slt.fifo"
srt-live-transmit -q "srt://:$port?mode=listener" file://con > "$work/slt.fifo" 2> "$work/slt.err" &
spid=$!
pids+=($spid)
python3 -c "
import sys,time
n=0; t=time.time()
while True:
    b=sys.stdin.buffer.read1(1<<16)
    if not b: break
    n+=len(b)
    if time.time()-t>=$WARM+$SECS+10: break
print('slt: mbps=%.2f' % (n*8/(time.time()-t)/1e6))" < "$work/slt.fifo" > "$work/slt.txt" &
pids+=($!)
sleep 0.5
send "$port"
slt_cpu=$(measure "$spid")
sleep 1
kill "$spid" "$sender" 2>/dev/null || true
wait || true
cat "$work/slt.txt"

python3 - "$ours_cpu" "$ours_mbps" "$slt_cpu" "$RATE" <<'PY'
import sys
ours_cpu, ours_mbps, slt_cpu, rate = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
mbps = ours_mbps
print("liveloom: %.1f %% of a core at %.2f Mbps = %.3f %%/Mbps" % (ours_cpu * 100, mbps, ours_cpu * 100 / mbps))
print("srt-live-transmit: %.1f %% of a core at ~%.2f Mbps = %.3f %%/Mbps" % (slt_cpu * 100, mbps, slt_cpu * 100 / mbps))
print("liveloom / srt-live-transmit CPU per Mbps = %.2f" % (ours_cpu / slt_cpu if slt_cpu else float('nan')))
PY
