#!/usr/bin/env bash
# Regenerates the golden files of the Helm conformance corpus with the reference binary
# (helm v4, from ../shared/tools/oracles.sh), the way Argo CD calls it:
#   helm template RELEASE chart --namespace NS --include-crds|--skip-crds [--kube-version V]
#        --values FILE... [--values INLINE] [--set K=V]... [--set-string K=V]... [--skip-tests]
#
#   tools/helm-goldens.sh            # every case
#   tools/helm-goldens.sh CASE...    # some cases
#
# Each case under gitops-render/src/test/resources/helm/ holds chart/ and options.yaml (the
# fields of HelmOptions). Success writes expected.yaml, failure expected-error.txt. Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(../shared/tools/oracles.sh --env)"
corpus=gitops-render/src/test/resources/helm
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  mapfile -t cases < <(find "$corpus" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
fi
for name in "${cases[@]}"; do
  dir="$corpus/$name"
  tmp=$(mktemp -d)
  mapfile -t args < <(python3 - "$dir/options.yaml" "$tmp" <<'PY'
import sys, json, os
try:
    import yaml
    load = yaml.safe_load
except ImportError:
    sys.exit("tools/helm-goldens.sh needs PyYAML (apt-get install python3-yaml)")
o = load(open(sys.argv[1])) or {}
tmp = sys.argv[2]
out = [o["releaseName"], "chart", "--namespace", o.get("namespace", "default")]
out.append("--skip-crds" if o.get("skipCrds") else "--include-crds")
if o.get("kubeVersion"): out += ["--kube-version", str(o["kubeVersion"])]
for f in o.get("valueFiles", []):
    if os.path.exists(os.path.join(os.path.dirname(sys.argv[1]), "chart", f)) or not o.get("ignoreMissingValueFiles"):
        out += ["--values", "chart/" + f]
if "valuesObject" in o:
    p = os.path.join(tmp, "values-object.yaml"); open(p, "w").write(json.dumps(o["valuesObject"])); out += ["--values", p]
elif o.get("values"):
    p = os.path.join(tmp, "values.yaml"); open(p, "w").write(o["values"]); out += ["--values", p]
for p in o.get("parameters", []):
    out += ["--set-string" if p.get("forceString") else "--set", "%s=%s" % (p["name"], p["value"])]
if o.get("skipTests"): out.append("--skip-tests")
print("\n".join(out))
PY
)
  rm -f "$dir/expected.yaml" "$dir/expected-error.txt"
  if out=$(cd "$dir" && helm template "${args[@]}" 2>"$tmp/err"); then
    printf '%s\n' "$out" > "$dir/expected.yaml"
    echo "ok     $name"
  else
    cp "$tmp/err" "$dir/expected-error.txt"
    echo "error  $name: $(head -c 150 "$dir/expected-error.txt")"
  fi
  rm -rf "$tmp"
done
