#!/bin/bash
# Runs a command once the CPUs have been mostly idle (≥ 90%) for 3 s, waiting at most QUIET_WAIT_S seconds
# (default 120), so that benchmarks on a shared machine are not skewed by other work. Prints the idle share seen.
# Usage: when-quiet.sh COMMAND...
idle() { read -r _ u n s i w q sq st _ < /proc/stat; echo $((i + w)) $((u + n + s + i + w + q + sq + st)); }
deadline=$(( $(date +%s) + ${QUIET_WAIT_S:-120} ))
while true; do
  read -r i0 t0 < <(idle); sleep 3; read -r i1 t1 < <(idle)
  share=$(( 100 * (i1 - i0) / (t1 - t0) ))
  [ "$share" -ge 90 ] && break
  [ "$(date +%s)" -ge "$deadline" ] && break
done
echo "idle ${share}% over the 3 s before: $*" >&2
exec "$@"
