#!/bin/sh
# An exec KRM generator: its functionConfig arrives in a ResourceList on stdin.
greeting=$(grep 'greeting:' | head -n 1 | sed 's/.*greeting: *//')
cat <<END
apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: greeting
  data:
    greeting: "$greeting$SUFFIX"
    home: "${HOME:-not set}"
    workingDirectory: "$(basename "$(pwd)")"
END
