#!/bin/bash
# Side-by-side CPU training throughput: TorchSharp (bench/ModelTool, Release) and PyTorch (Debian python3-torch),
# same spec, batch, steps and threads, alternating runs so that background load hits both alike.
# Usage: bench/pytorch/compare.sh [ROUNDS] [BATCH] [STEPS] [THREADS] SPEC.json...
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}; batch=${2:-128}; steps=${3:-30}; threads=${4:-2}; shift 4 || true
specs=("$@"); [ ${#specs[@]} -gt 0 ] || specs=(bench/pytorch/specs/nin-small.json bench/pytorch/specs/nin-baseline.json)
dotnet build -c Release bench/ModelTool -v q -nologo >/dev/null
tool=bench/ModelTool/bin/Release/net10.0/ModelTool.dll
for spec in "${specs[@]}"; do
  for round in $(seq "$rounds"); do
    echo "load $(cut -d' ' -f1-3 /proc/loadavg) round $round"
    dotnet "$tool" bench "$spec" "$batch" "$steps" "$threads" cpu nhwc
    dotnet "$tool" bench "$spec" "$batch" "$steps" "$threads" cpu nchw
    /usr/bin/python3 bench/pytorch/bench_train.py --arch "$spec" --batch "$batch" --steps "$steps" --threads "$threads"
    /usr/bin/python3 bench/pytorch/bench_train.py --arch "$spec" --batch "$batch" --steps "$steps" --threads "$threads" --channels-last
  done
done
