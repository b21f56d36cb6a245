#!/bin/sh
# An exec KRM transformer: edits the ResourceList on stdin and prints it back.
sed "s/replicas: 1\$/replicas: $1/"
