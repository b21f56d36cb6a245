#!/usr/bin/env bash
# Regenerates the expected results of the strategic merge patch golden tests with the reference
# kubectl (see ../shared/tools/oracles.sh): for every gitops-diff/src/test/resources/smp/<case>/
# holding original.json and patch.json, writes expected.json = `kubectl patch --local` of them
# (with --type merge when the case has a file named merge-patch: kubectl refuses strategic merge
# for custom resources, and GitOps4J falls back to JSON merge patch semantics for them).
# For every gitops-diff/src/test/resources/smp-kustomize/<case>/ holding resource.yaml and
# patch.yaml, writes expected.yaml = `kubectl kustomize` of a kustomization patching the resource.
# Tests never run kubectl; they compare with the committed goldens.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(../shared/tools/oracles.sh --env)"
for dir in gitops-diff/src/test/resources/smp/*/; do
  if [[ -f "$dir/original.json" && -f "$dir/patch.json" ]]; then
    type=strategic; [[ -f "$dir/merge-patch" ]] && type=merge
    rm -f "$dir/expected.json" "$dir/expected-error.txt"
    if ! kubectl patch --local -f "$dir/original.json" --type "$type" -p "$(cat "$dir/patch.json")" -o json \
        > "$dir/expected.json" 2> "$dir/expected-error.txt"; then
      rm "$dir/expected.json"
      echo "wrote $dir/expected-error.txt"
    else
      rm "$dir/expected-error.txt"
      echo "wrote $dir/expected.json"
    fi
  fi
done
for dir in gitops-diff/src/test/resources/smp-kustomize/*/; do
  if [[ -f "$dir/resource.yaml" && -f "$dir/patch.yaml" ]]; then
    work="$(mktemp -d)"
    cp "$dir/resource.yaml" "$dir/patch.yaml" "$work/"
    printf 'resources: [resource.yaml]\npatches:\n- path: patch.yaml\n' > "$work/kustomization.yaml"
    kubectl kustomize "$work" > "$dir/expected.yaml"
    rm -rf "$work"
    echo "wrote $dir/expected.yaml"
  fi
done
