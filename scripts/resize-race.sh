#!/usr/bin/env bash
# Reproduces a resize lost between the form's first frame and crossterm's SIGWINCH
# handler (the cause found for tests/e2e.rs keys_typed_while_the_terminal_is_too_small_
# show_when_it_grows timing out under load). strace delays every rt_sigaction by a
# second, as a loaded machine may deschedule the process; tmux resizes the window as
# soon as the first frame shows. Prints 1 when the form noticed (it says "terminal too
# small"), 0 when the resize was lost. Needs tmux and strace.
#
#   cargo build && scripts/resize-race.sh [BIN]   # BIN: default target/debug/issue-composer
#
# Before event::watch_resizes (0993b88 and earlier): 0. After: 1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../target/debug/issue-composer}")
session=resize-race-$$
tmux new-session -d -s "$session" -x 120 -y 40 \
  "strace -f -o /dev/null -e trace=rt_sigaction -e inject=rt_sigaction:delay_enter=1000000 $bin performance --no-draft"
for _ in $(seq 1 600); do
  tmux capture-pane -p -t "$session" | grep -q 'fields filled' && break
  sleep 0.05
done
tmux resize-window -t "$session" -x 50 -y 12
sleep 15
tmux capture-pane -p -t "$session" | grep -c 'terminal too small' || true
tmux kill-session -t "$session"
