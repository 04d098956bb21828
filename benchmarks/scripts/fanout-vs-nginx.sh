#!/usr/bin/env bash
# Server fan-out side by side in one run: one publisher at KBPS to N players on loopback, through
#  - liveloom: the embedded server in its own JVM (`liveloom serve`)
#  - nginx-rtmp: one worker
# The load (publisher + players, two event loops, delivery delay on one clock) is the same Java
# client for both (benchmarks.jar FanOutLoad). Prints the server's CPU, its threads, frames delivered
# and the delivery delay percentiles, measured after a 5 s warm-up (the JVM's JIT included in neither).
# Needs nginx with the RTMP module; build first: mvn -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
N=${N:-500}
SECS=${SECS:-30}
KBPS=${KBPS:-4000}
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
hz=$(getconf CLK_TCK)
load() { # name url pid -> the client's summary lines
  CLK_TCK=$hz java -cp "$here/target/benchmarks.jar" dev.liveloom.rtmp.FanOutLoad "$2" "$N" "$SECS" "$KBPS" "$3" \
    2>/dev/null | grep -E '^(fan-out|server)' | sed "s/^/$1: /" | tee "$work/$1.txt"
  echo "$1: server threads $(ls "/proc/$3/task" | wc -l)"
}

port=$((20000 + RANDOM % 20000))
echo "== liveloom serve, $N players at $KBPS kbps for $SECS s"
java -jar "$root/cli/target/liveloom.jar" serve --port "$port" > "$work/serve.log" 2>&1 &
spid=$!
sleep 2
load liveloom "rtmp://127.0.0.1:$port/live" "$spid"
kill "$spid"; wait "$spid" 2>/dev/null || true

nport=$((port + 1))
cat > "$work/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
user $(id -un);
worker_processes 1;
error_log $work/error.log warn;
pid $work/nginx.pid;
events { worker_connections 4096; }
rtmp { server { listen 127.0.0.1:$nport; chunk_size 4096; application live { live on; } } }
CONF
echo "== nginx-rtmp, same load"
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
sleep 1
wpid=$(pgrep -P "$(cat "$work/nginx.pid")" | head -1)
load nginx "rtmp://127.0.0.1:$nport/live" "$wpid"
cpu() { sed -n 's/.*CPU \([0-9.]*\) %.*/\1/p' "$work/$1.txt"; }
python3 -c "print('liveloom server CPU / nginx-rtmp worker CPU = %.2f' % ($(cpu liveloom)/max(0.1,$(cpu nginx))))"
