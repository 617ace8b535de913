#!/bin/sh
# Print a short summary of the services listed in config/services.json.
set -eu
CONFIG=${CONFIG:-/srv/report/config/services.json}

echo "Services defined in $CONFIG:"
jq -r '.services[] | "  \(.name)\t\(.port)\t\(if .public then "public" else "internal" end)"' "$CONFIG"
echo
echo "Public ports: $(jq -r '[.services[] | select(.public) | .port] | join(", ")' "$CONFIG")"
