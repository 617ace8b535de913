#!/bin/bash
# Run one CI job described by job.json: install the extra packages it asks for,
# then run its steps in order.
set -euo pipefail

job="$1"

mapfile -t extra < <(jq -r '.packages[]?' "$job")
if [ "${#extra[@]}" -gt 0 ]; then
  apt-get install -y --no-install-recommends "${extra[@]}"
fi

jq -r '.steps[]' "$job" | while read -r step; do
  echo "+ $step"
  bash -c "$step"
done
