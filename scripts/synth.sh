#!/usr/bin/env bash
# Writes a synthetic markdown template of N repeated sections to standard output: a
# heading, a comment, a `- **Metric:**` field, a checkbox and a 2x2 table each (about
# 148 bytes a section: 1,340 sections is 190 KiB, 13,400 is 1.9 MiB).
# Usage: scripts/synth.sh SECTIONS [headings]  ("headings": N bare headings instead)
set -euo pipefail
n=${1:?sections}
kind=${2:-sections}
awk -v n="$n" -v kind="$kind" 'BEGIN {
  print "---\nname: Synthetic\nabout: repeated sections\n---\n"
  for (i = 0; i < n; i++) {
    if (kind == "headings") { printf "## Heading %d\n\n", i; continue }
    printf "## Section %d\n\n<!-- Describe part %d -->\n\n- **Metric:** \n- [ ] Checked %d\n\n| Name | Value |\n|------|-------|\n| a    |       |\n| b    |       |\n\n", i, i, i
  }
}'
