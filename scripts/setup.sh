#!/usr/bin/env bash
# Installs what NinSearch needs on a fresh Debian 12 machine (run as root): Fashion-MNIST, PostgreSQL 15,
# python3-torch (the export tests check that plain PyTorch reproduces exported models) and chromium (the dashboard's
# browser tests drive it headless through Playwright, which cannot download its own browser here), checks for
# kubectl (the deploy tests render deploy/k8s with it), then restores NuGet packages. (TorchSharp's native-library
# fix, build/torchsharp-native-fix.pl, needs only perl.)
# Idempotent and quick when everything is already there.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
packages=(dataset-fashion-mnist postgresql python3-torch chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# kubectl renders deploy/k8s offline for the manifest tests (`kubectl kustomize`, which needs kustomize v4 or newer:
# kubectl 1.21+). Machines of this project come with it; elsewhere Debian's kubernetes-client is too old (1.20),
# so install kubectl from Kubernetes' own packages.
# Without it only those tests fail (saying so), so it is not a reason to stop here.
command -v kubectl >/dev/null ||
  echo "setup: kubectl not found: the deploy tests will fail (install kubectl 1.21 or newer: https://kubernetes.io/docs/tasks/tools/)" >&2
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required on PATH" >&2; exit 1; }
dotnet restore "$root/NinSearch.sln" --nologo -v q
