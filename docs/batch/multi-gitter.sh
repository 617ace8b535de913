#!/bin/sh
# dockerfix as a multi-gitter step. multi-gitter runs this in the root of each clone and opens
# a pull request when the script exits 0 and changed something; a non-zero exit marks the
# repository failed. With --manual-commit the script commits, and multi-gitter takes the PR
# title from the commit's first line and the PR body from the rest
# (lindell/multi-gitter: cmd/cmd-run.go, internal/multigitter/run.go getPRBodyAndTitle).
#
#   multi-gitter run "$PWD/docs/batch/multi-gitter.sh" --manual-commit -O my-org -B dockerfix/buildkit-cache
#
# DOCKERFIX names the command (default: dockerfix on PATH; e.g. "node /opt/dockerfix/bin/dockerfix.js").
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Exit 0 after writing changes, 2 on a failure (set -e then stops here).
${DOCKERFIX:-dockerfix} --pr-body "$out/body.md" --commit-message "$out/message" .
if [ -n "$(git status --porcelain)" ]; then
  git add -A   # a new .dockerignore too
  { cat "$out/message"; echo; cat "$out/body.md"; } | git commit -q -F -
fi
