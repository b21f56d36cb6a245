#!/usr/bin/env python3
"""Builds every extracted krusty case with the reference `kubectl kustomize` (first on PATH).

    reference.py CASES_DIR PLUGIN_HOME [JOBS]

Writes kubectl.yaml (the output) or kubectl-error.txt (the message) and kubectl-flags.txt (the
command line) into each case directory. The options of a case become the flags kubectl has:
plugins enabled -> --enable-alpha-plugins (exec plugins found under PLUGIN_HOME, Kustomize's
own plugin directory), Helm -> --enable-helm (through a shim
answering Kustomize's `helm version` check for the oracle's helm v4), load restrictions none ->
--load-restrictor LoadRestrictionsNone. EnableExec (exec KRM functions), AddManagedbyLabel and
the krusty-only reorder option "none" have no kubectl flag (kubectl kustomize has no
--enable-exec: it silently skips exec functions, so KrustyParity compares those cases with
Kustomize's own expectation instead); kubectl always sorts in the legacy order.
"""

import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile


def flags_of(options, shim):
    flags = []
    if options.get("plugins"):
        flags.append("--enable-alpha-plugins")
    if options.get("helm"):
        flags += ["--enable-helm", "--helm-command", shim]
    if options.get("loadRestrictions") == "LoadRestrictionsNone":
        flags += ["--load-restrictor", "LoadRestrictionsNone"]
    return flags


def build(case_dir, plugin_home, shim, home):
    meta = json.load(open(os.path.join(case_dir, "case.json"), encoding="utf-8"))
    flags = flags_of(meta["options"], shim)
    fs = os.path.join(case_dir, "fs")
    env = dict(os.environ, KUSTOMIZE_PLUGIN_HOME=plugin_home, HOME=home, LC_ALL="C",
               GIT_CONFIG_GLOBAL=os.path.join(home, ".gitconfig"), XDG_CONFIG_HOME=os.path.join(home, ".config"))
    command = ["kubectl", "kustomize", *flags, meta["build"]]
    for name in ("kubectl.yaml", "kubectl-error.txt"):
        path = os.path.join(case_dir, name)
        if os.path.exists(path):
            os.remove(path)
    try:
        result = subprocess.run(command, cwd=fs, env=env, capture_output=True, timeout=120)
        ok = result.returncode == 0
        out, err = result.stdout, result.stderr
    except subprocess.TimeoutExpired:
        ok, out, err = False, b"", b"timed out after 120 s"
    with open(os.path.join(case_dir, "kubectl-flags.txt"), "w", encoding="utf-8") as f:
        f.write(" ".join(command[2:]) + "\n")
    if ok:
        with open(os.path.join(case_dir, "kubectl.yaml"), "wb") as f:
            f.write(out)
    else:
        with open(os.path.join(case_dir, "kubectl-error.txt"), "wb") as f:
            f.write(err.replace(os.path.abspath(fs).encode(), b"FS"))
    return meta["name"], ok


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    cases_dir, plugin_home = sys.argv[1], os.path.abspath(sys.argv[2])
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    home = os.path.join(os.path.abspath(cases_dir), "_home")
    os.makedirs(home, exist_ok=True)
    shim_dir = tempfile.mkdtemp()
    shim = os.path.join(shim_dir, "helm")
    with open(shim, "w", encoding="utf-8") as f:
        f.write('#!/usr/bin/env bash\nif [ "$1" = version ]; then echo v3.18.0+oracle-shim; exit 0; fi\n'
                'exec helm "$@"\n')
    os.chmod(shim, 0o755)
    case_dirs = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(cases_dir, "**", "case.json"),
                                                                recursive=True))
    ok = 0
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for name, success in pool.map(lambda d: build(d, plugin_home, shim, home), case_dirs):
            ok += success
    print(f"kubectl kustomize: {len(case_dirs)} cases, {ok} built, {len(case_dirs) - ok} refused")


if __name__ == "__main__":
    main()
