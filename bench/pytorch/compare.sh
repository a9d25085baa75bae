#!/bin/bash
# Side-by-side CPU training throughput: TorchSharp (bench/ModelTool, Release) and PyTorch (Debian python3-torch),
# same spec, batch, steps and threads. Runs alternate, each after a quiet moment (when-quiet.sh), so that
# background load hits both alike; report the best of the rounds for each variant.
# Usage: bench/pytorch/compare.sh ROUNDS BATCH STEPS THREADS SPEC.json...
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}; batch=${2:-128}; steps=${3:-30}; threads=${4:-2}; shift 4 || true
specs=("$@"); [ ${#specs[@]} -gt 0 ] || specs=(bench/pytorch/specs/nin-small.json bench/pytorch/specs/nin-baseline.json)
out=${TOOL_DIR:-bench/ModelTool/bin/Release/net10.0}
dotnet build -c Release bench/ModelTool -o "$out" -v q -nologo >/dev/null
quiet=bench/pytorch/when-quiet.sh
py=(/usr/bin/python3 bench/pytorch/bench_train.py --batch "$batch" --steps "$steps" --threads "$threads")
for spec in "${specs[@]}"; do
  for round in $(seq "$rounds"); do
    echo "# $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) round $round $spec"
    $quiet dotnet "$out/ModelTool.dll" bench "$spec" "$batch" "$steps" "$threads" cpu nhwc
    $quiet dotnet "$out/ModelTool.dll" bench "$spec" "$batch" "$steps" "$threads" cpu nchw
    $quiet "${py[@]}" --arch "$spec"
    $quiet "${py[@]}" --arch "$spec" --channels-last
  done
done
