#!/bin/bash
# Runs a command once the CPUs have been mostly idle (≥ 90%) for 3 s in a row, so that benchmarks are not skewed by
# other work on a shared machine; prints the idle share it waited for. Usage: when-quiet.sh COMMAND...
idle() { read -r _ u n s i w q sq st _ < /proc/stat; echo $((i + w)) $((u + n + s + i + w + q + sq + st)); }
while true; do
  read -r i0 t0 < <(idle); sleep 3; read -r i1 t1 < <(idle)
  share=$(( 100 * (i1 - i0) / (t1 - t0) ))
  [ "$share" -ge 90 ] && break
done
echo "idle ${share}% over 3 s before: $*" >&2
exec "$@"
