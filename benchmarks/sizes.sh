#!/usr/bin/env bash
# What each cloud's artifact weighs: packages samples/shop with the Maven plugin (every target,
# the container image included) and writes docs/sizes.md from what it built.
#
#   benchmarks/sizes.sh                     # MVN="./mvnw -o" builds offline
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-./mvnw}
$MVN -q -pl samples/shop -am package -DskipTests
python3 benchmarks/sizes.py samples/shop
