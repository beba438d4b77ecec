#!/usr/bin/env bash
# What each cloud's artifact weighs: packages samples/shop with the Maven plugin (every target,
# the container image included) and writes docs/sizes.md from what it built.
#
#   benchmarks/sizes.sh                     # MVN="./mvnw -o" builds offline
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-./mvnw}
# The adapters are in the reactor so that the plugin packages the ones built here, not whatever an
# earlier `install` left in the local repository (the plugin resolves them by coordinates).
$MVN -q -pl samples/shop,adapter-aws,adapter-gcp,adapter-azure,adapter-container -am package -DskipTests
python3 benchmarks/sizes.py samples/shop
