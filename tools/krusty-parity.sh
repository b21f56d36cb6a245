#!/usr/bin/env bash
# Kustomize parity on Kustomize's own test suite: every build case of api/krusty at the tag
# below, extracted from the Go tests (tools/krusty/extract.py), built by the reference
# `kubectl kustomize` (tools/krusty/reference.py) and by ours (KrustyParity in gitops-render's
# test sources), compared document by document. The cases stay outside the repository.
#
#   tools/krusty-parity.sh [CASES_DIR]          extract, reference, ours (default /tmp/krusty-cases)
#   tools/krusty-parity.sh --ours [CASES_DIR]   ours only, over cases already extracted and referenced
#
# KUSTOMIZE_GIT: a clone (bare or not) of kubernetes-sigs/kustomize holding the tag; default the
# mirror the fetch tool makes, else it is cloned. Results: CASES_DIR/results.tsv (case, outcome,
# Kustomize's own expectation against kubectl's output, detail) and the counts on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=kustomize/v5.7.1
ours_only=false
if [ "${1:-}" = --ours ]; then ours_only=true; shift; fi
cases=${1:-/tmp/krusty-cases}
src="$cases.src"
if ! $ours_only; then
  git_dir=${KUSTOMIZE_GIT:-/work/.mirror/kubernetes-sigs+kustomize/repo}
  if [ ! -d "$git_dir" ]; then
    git_dir="$cases.git"
    [ -d "$git_dir" ] || git clone --bare --filter=blob:none https://github.com/kubernetes-sigs/kustomize "$git_dir"
  fi
  rm -rf "$src" && mkdir -p "$src"
  git -C "$git_dir" archive "$tag" api/krusty api/internal/konfig/builtinpluginconsts plugin | tar -x -C "$src"
  python3 tools/krusty/extract.py "$src" "$cases"
  eval "$(../shared/tools/oracles.sh --env)"
  kubectl version --client | grep -q 'Kustomize Version: v5.7.1' || { echo "need kubectl with Kustomize v5.7.1" >&2; exit 1; }
  python3 tools/krusty/reference.py "$cases" "$src/plugin" 2
fi
mvn -B -ntp -o -q test-compile dependency:build-classpath -pl gitops-render -am \
    -Dmdep.outputFile="$cases.classpath" -Dmdep.includeScope=test > /dev/null
java -cp "gitops-render/target/test-classes:gitops-render/target/classes:gitops-diff/target/classes:$(cat "$cases.classpath")" \
    io.gitops4j.render.kustomize.KrustyParity "$cases"
