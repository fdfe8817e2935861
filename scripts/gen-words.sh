#!/usr/bin/env bash
# Regenerates analysis/words/english.txt.gz, the English words of six
# letters or more that the feedback engine never "corrects" as typos of a
# cue word ("dental" is not a typo of "denials"). Source: Debian's
# wamerican (SCOWL word lists; licence in analysis/words/COPYRIGHT).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/share/dict/american-english ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wamerican
fi
grep -E '^[a-z]{6,}$' /usr/share/dict/american-english | gzip -9n >analysis/words/english.txt.gz
cp /usr/share/doc/wamerican/copyright analysis/words/COPYRIGHT
