#!/usr/bin/env bash
# Argo CD's own example and end-to-end apps, rendered whole by the reference tools and by ours:
# every top-level app directory of argoproj/argocd-example-apps (each of plugins/ too) and of
# Argo CD's test/e2e/testdata, rendered as Argo CD's repo-server picks them
# (tools/argocd-apps/reference.py: kubectl kustomize v5.7.1, helm v4 template, the files) and by
# gitops-render's Renderer (ArgoAppsParity in its test sources), compared object by object
# (order aside: Argo CD sorts objects itself before a sync). The suites stay outside the repository.
#
#   tools/argocd-apps-parity.sh [CASES_DIR]          extract, reference, ours (default /tmp/argocd-apps)
#   tools/argocd-apps-parity.sh --ours [CASES_DIR]   ours only, over cases already referenced
#
# EXAMPLE_APPS_GIT / ARGOCD_GIT: clones (bare or not) of the two repositories; default the mirrors
# the fetch tool makes. Results: CASES_DIR/results.tsv and the counts on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
ours_only=false
if [ "${1:-}" = --ours ]; then ours_only=true; shift; fi
cases=${1:-/tmp/argocd-apps}
if ! $ours_only; then
  examples=${EXAMPLE_APPS_GIT:-/work/.mirror/argoproj+argocd-example-apps/repo}
  argocd=${ARGOCD_GIT:-/work/.mirror/argoproj+argo-cd/repo}
  rm -rf "$cases" && mkdir -p "$cases/src/example-apps" "$cases/src/e2e"
  # docs/ holds only images (absent from a partial mirror); every other entry is extracted
  git -C "$examples" archive HEAD $(git -C "$examples" ls-tree --name-only HEAD | grep -vx docs) \
    | tar -x -C "$cases/src/example-apps"
  git -C "$argocd" archive HEAD test/e2e/testdata | tar -x -C "$cases/src/e2e" --strip-components=3
  {
    for d in "$cases"/src/example-apps/*/; do
      name=$(basename "$d")
      if [ "$name" = plugins ]; then
        for p in "$d"*/; do printf 'example-apps\tplugins/%s\n' "$(basename "$p")"; done
      else
        printf 'example-apps\t%s\n' "$name"
      fi
    done
    find "$cases/src/e2e" -mindepth 1 -maxdepth 1 -type d -printf 'e2e\t%f\n' | sort
  } > "$cases/cases.tsv"
  echo "examples at $(git -C "$examples" rev-parse HEAD), Argo CD at $(git -C "$argocd" rev-parse HEAD)" > "$cases/sources.txt"
  eval "$(../shared/tools/oracles.sh --env)"
  kubectl version --client | grep -q 'Kustomize Version: v5.7.1' || { echo "need kubectl with Kustomize v5.7.1" >&2; exit 1; }
  python3 tools/argocd-apps/reference.py "$cases" > "$cases/reference.log"
fi
mvn -B -ntp -o -q test-compile dependency:build-classpath -pl gitops-render -am \
    -Dmdep.outputFile="$cases.classpath" -Dmdep.includeScope=test > /dev/null
java -cp "gitops-render/target/test-classes:gitops-render/target/classes:gitops-diff/target/classes:$(cat "$cases.classpath")" \
    io.gitops4j.render.ArgoAppsParity "$cases"
