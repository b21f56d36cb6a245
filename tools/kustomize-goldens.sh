#!/usr/bin/env bash
# Regenerates the golden files of the Kustomize conformance corpus with the reference binary
# (kubectl v1.35, Kustomize v5.7.1, from ../shared/tools/oracles.sh).
#
#   tools/kustomize-goldens.sh            # every case
#   tools/kustomize-goldens.sh CASE...    # some cases (directory names)
#
# Each case directory under gitops-render/src/test/resources/kustomize/ is a repository root.
# The kustomization built is the case directory itself, or the directory named in build-path.txt.
# Success writes expected.yaml; failure writes expected-error.txt (Kustomize's message, with the
# case's absolute path replaced by CASE). A case holding a file named enable-helm is built with
# --enable-helm (helmCharts), through a shim that answers Kustomize's helm v3 version check for the
# oracle's helm v4 (whose template command is the same). A case holding a file named
# load-restrictor-none is built with --load-restrictor LoadRestrictionsNone. Tests never run the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(../shared/tools/oracles.sh --env)"
corpus=gitops-render/src/test/resources/kustomize
shim=$(mktemp -d)
trap 'rm -rf "$shim"' EXIT
printf '#!/usr/bin/env bash\nif [ "$1" = version ]; then echo v3.18.0+oracle-shim; exit 0; fi\nexec helm "$@"\n' > "$shim/helm"
chmod +x "$shim/helm"
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  mapfile -t cases < <(find "$corpus" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
fi
for name in "${cases[@]}"; do
  dir="$corpus/$name"
  build="."
  [ -f "$dir/build-path.txt" ] && build=$(tr -d '\n' < "$dir/build-path.txt")
  abs=$(cd "$dir" && pwd -P)
  rm -f "$dir/expected.yaml" "$dir/expected-error.txt"
  flags=()
  [ -f "$dir/enable-helm" ] && flags=(--enable-helm --helm-command "$shim/helm")
  [ -f "$dir/load-restrictor-none" ] && flags+=(--load-restrictor LoadRestrictionsNone)
  if out=$(cd "$dir" && kubectl kustomize "${flags[@]}" "$build" 2>/tmp/kustomize-golden-err); then
    printf '%s\n' "$out" > "$dir/expected.yaml"
    echo "ok     $name"
  else
    sed -e "s#$abs#CASE#g" -e "s#0x[0-9a-f]*#0x?#g" /tmp/kustomize-golden-err > "$dir/expected-error.txt"
    echo "error  $name: $(head -c 150 "$dir/expected-error.txt")"
  fi
done
