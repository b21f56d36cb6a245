#!/usr/bin/env bash
# Whole-process side-by-side timing of rendering the benchmark fixtures (RenderFixtures):
# kubectl kustomize and helm template (the reference binaries, one process per render) against
# one cold `./gitops render` process. The warm-JVM figures come from JMH:
#   java -jar benchmarks/target/benchmarks.jar 'render\.'
#
#   tools/render-speed.sh [RUNS]      (default 20; needs benchmarks/target/benchmarks.jar and the CLI built)
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(../shared/tools/oracles.sh --env)"
runs=${1:-20}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
java -cp benchmarks/target/benchmarks.jar io.gitops4j.benchmarks.render.RenderFixtures "$dir"
mean_ms() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" > /dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000000 ))
}
echo "kubectl kustomize overlay (30 resources): $(mean_ms kubectl kustomize "$dir/overlay") ms per process"
echo "helm template chart (30 objects):          $(mean_ms helm template shop "$dir/chart" --namespace prod --include-crds) ms per process"
echo "./gitops render overlay (cold JVM):        $(mean_ms ./gitops render "$dir/overlay" --root "$dir") ms per process"
echo "./gitops render chart (cold JVM):          $(mean_ms ./gitops render "$dir/chart" --release shop --namespace prod) ms per process"
