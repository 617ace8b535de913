#!/bin/sh
# dockerfix as a turbolift step. `turbolift foreach` runs a command in each clone
# (work/<org>/<repo>, the repository root); `turbolift commit` commits with --all, which does
# not add new files, so the script stages what dockerfix wrote (a new .dockerignore). The PR
# body of each repository is written to $DOCKERFIX_OUT/<org>/<repo>.md
# (Skyscanner/turbolift README: foreach, commit, create-prs --description).
#
#   turbolift foreach -- sh "$(pwd)/dockerfix-turbolift.sh"
#   turbolift commit --message "build(docker): make Dockerfiles cache-friendly"
#   turbolift create-prs --description pr-description.md
#   turbolift foreach -- sh -c 'gh pr edit --body-file "$DOCKERFIX_OUT/$(basename "$(dirname "$PWD")")/$(basename "$PWD").md"'
set -eu
repo=$(basename "$(dirname "$PWD")")/$(basename "$PWD")
: "${DOCKERFIX_OUT:=$(dirname "$(dirname "$(dirname "$PWD")")")/dockerfix-out}"
mkdir -p "$DOCKERFIX_OUT/${repo%/*}"
${DOCKERFIX:-dockerfix} --pr-body "$DOCKERFIX_OUT/$repo.md" --commit-message "$DOCKERFIX_OUT/$repo.message" .
git add -A
