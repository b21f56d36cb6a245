#!/usr/bin/env python3
"""Renders every app of the extracted suites with the reference tools, as Argo CD's repo-server
would pick them: a kustomization -> `kubectl kustomize` (v5.7.1), a Chart.yaml -> `helm template`
(v4) with the app's name as release and namespace `default`, CRDs included; otherwise a plain
directory: the documents of its *.yaml, *.yml and *.json files (not recursive), as Argo CD reads
them. A directory holding *.jsonnet is Jsonnet, which the reference here cannot evaluate.

  reference.py CASES_DIR      (reads CASES_DIR/cases.tsv: suite, app path; writes ref.yaml or ref.err per case)
"""
import json
import os
import subprocess
import sys

import yaml

cases = sys.argv[1]


def kind_of(directory):
    names = set(os.listdir(directory))
    if names & {"kustomization.yaml", "kustomization.yml", "Kustomization"}:
        return "kustomize"
    if "Chart.yaml" in names:
        return "helm"
    if any(n.endswith(".jsonnet") for n in names):
        return "jsonnet"
    return "directory"


def directory_documents(directory):
    """As Argo CD's findManifests: a file whose documents are not all Kubernetes objects (a
    mapping with a kind) is an unrelated YAML file and ignored, unless it looks like a manifest
    (apiVersion:, kind: and metadata: in its text), which is an error."""
    documents = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if not os.path.isfile(path) or not name.endswith((".yaml", ".yml", ".json")):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            found = [d for d in yaml.safe_load_all(text) if d is not None]
            objects = all(isinstance(d, dict) and d.get("kind") for d in found)
        except yaml.YAMLError as e:
            found, objects = [], False
            problem = str(e).replace("\n", " ")
        else:
            problem = "not Kubernetes objects"
        if not objects:
            if "apiVersion:" in text and "kind:" in text and "metadata:" in text:
                raise RuntimeError("Failed to unmarshal %s: %s" % (name, problem))
            continue
        documents.extend(found)
    return documents


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "exit %d" % done.returncode)
    return done.stdout


with open(os.path.join(cases, "cases.tsv"), encoding="utf-8") as listing:
    rows = [line.rstrip("\n").split("\t") for line in listing if line.strip()]
for suite, app in rows:
    root = os.path.join(cases, "src", suite)
    directory = os.path.join(root, app)
    out = os.path.join(cases, "out", suite, app)
    os.makedirs(out, exist_ok=True)
    for stale in ("ref.yaml", "ref.err", "type"):
        if os.path.exists(os.path.join(out, stale)):
            os.remove(os.path.join(out, stale))
    kind = kind_of(directory)
    with open(os.path.join(out, "type"), "w") as f:
        f.write(kind)
    try:
        if kind == "kustomize":
            text = run(["kubectl", "kustomize", directory])
        elif kind == "helm":
            name = os.path.basename(app.rstrip("/")).lstrip(".")  # the app's name: a directory's, dots aside
            text = run(["helm", "template", directory, "--name-template", name, "--namespace", "default",
                        "--include-crds"])
        elif kind == "jsonnet":
            raise RuntimeError("Jsonnet: not evaluated by the reference here (no jsonnet binary)")
        else:
            text = "".join("---\n" + json.dumps(d, default=str) + "\n" for d in directory_documents(directory))
        with open(os.path.join(out, "ref.yaml"), "w", encoding="utf-8") as f:
            f.write(text)
    except Exception as e:  # the reference refuses: recorded, compared with ours
        with open(os.path.join(out, "ref.err"), "w", encoding="utf-8") as f:
            f.write(str(e) + "\n")
    print(suite, app, kind, "ok" if os.path.exists(os.path.join(out, "ref.yaml")) else "refused", flush=True)
