#!/usr/bin/env bash
# Regenerates the goldens of the Helm dependency tests (HelmDependencyDownloadTest) with the
# reference binary (helm v4, from ../shared/tools/oracles.sh), as Argo CD gets dependencies:
#   helm package (the dependency charts) && helm repo index
#   helm dependency build app && helm template r app --namespace prod --include-crds
# against a chart repository served on the loopback interface by python3's http.server.
# Writes repository/*.tgz and index.yaml, expected.yaml, and helm's own Chart.yaml/Chart.lock pair
# (helm-lock/) that ChartLockDigestTest checks the digest against.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(../shared/tools/oracles.sh --env)"
base=$PWD/gitops-render/src/test/resources/helm-dependencies
port=${PORT:-18879}
tmp=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
rm -f "$base"/repository/*.tgz
(cd "$base/repository" && for s in "$base"/sources/*; do helm package "$s" -d . >/dev/null; done && helm repo index .)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$base" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/repository/index.yaml" && break; sleep 0.2; done
cp -r "$base/app" "$tmp/app"
sed "s#REPOSITORY#http://127.0.0.1:$port/repository#" "$base/app/Chart.yaml.template" > "$tmp/app/Chart.yaml"
rm "$tmp/app/Chart.yaml.template"
export HELM_CACHE_HOME=$tmp/cache HELM_CONFIG_HOME=$tmp/config HELM_DATA_HOME=$tmp/data
helm repo add dependencies "http://127.0.0.1:$port/repository" >/dev/null  # as Argo CD adds Chart.yaml's repositories
helm dependency build "$tmp/app" >/dev/null
(cd "$tmp" && helm template r app --namespace prod --include-crds) > "$base/expected.yaml"
mkdir -p "$base/helm-lock"
cp "$tmp/app/Chart.yaml" "$tmp/app/Chart.lock" "$base/helm-lock/"
echo "wrote $base/expected.yaml and $base/helm-lock/"
