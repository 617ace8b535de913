#!/bin/sh
# Probe each URL in targets.json and print one JSON line per target.
set -eu

targets="${TARGETS_FILE:-/srv/uptime/targets.json}"

jq -r '.[] | [.name, .url] | @tsv' "$targets" | while IFS="$(printf '\t')" read -r name url; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || echo 000)
  jq -cn --arg name "$name" --arg url "$url" --arg code "$code" \
    '{name: $name, url: $url, status: ($code | tonumber), up: ($code | test("^[23]"))}'
done
