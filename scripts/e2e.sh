#!/usr/bin/env bash
# End-to-end tests of the interactive wizard: drives the real binary in a private tmux server, reads the
# screen with capture-pane, and checks files, exit statuses, drafts and the terminal state left behind.
# Run by scripts/test-all.sh after the release build; works on its own too (builds the binary if missing).
#
# Env: S3WIZARD_BIN  the binary (default: .build/release/s3wizard)
#      E2E_TIMEOUT   seconds to wait for any one expected screen (default 15; polled every 50 ms)
#      E2E_KEEP=1    keep the temp dir (socket, HOME, state dirs, outputs) and print its path
#      E2E_ONLY=RE   run only the cases whose function name matches RE (e.g. E2E_ONLY='walk|resume')
#
# Every wait polls the pane until the text shows up, with a deadline; on a timeout the case fails with a
# message and the pane (scrollback and screen). Keys are sent only once the first frame is on screen
# (earlier keys get mangled). Every case runs even when an earlier one failed; exit 1 if any failed.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
command -v tmux >/dev/null 2>&1 || { echo "e2e: tmux is not installed (apt-get install -y tmux)" >&2; exit 1; }

BIN="${S3WIZARD_BIN:-$REPO/.build/release/s3wizard}"
if [[ ! -x "$BIN" ]]; then
  echo "e2e: $BIN missing; building it"
  swift build -c release --static-swift-stdlib --disable-local-rpath --product s3wizard
fi
[[ -x "$BIN" ]] || { echo "e2e: $BIN not found" >&2; exit 1; }

TIMEOUT="${E2E_TIMEOUT:-15}"
T0=$SECONDS
# A short path: the export directory must fit on the wizard's status line, the socket in sun_path.
TMP="$(mktemp -d "${TMPDIR:-/tmp}/s3w-e2e.XXXXXX")"
SOCK="$TMP/tmux.sock"
mkdir -p "$TMP/home"

unset TMUX TMUX_PANE  # a private server even when run from inside tmux
tm() { tmux -S "$SOCK" -f /dev/null "$@"; }

# descendants PID...: the PIDs and all their descendants.
descendants() {
  local p children
  for p in "$@"; do
    echo "$p"
    mapfile -t children < <(pgrep -P "$p" 2>/dev/null || true)
    ((${#children[@]} == 0)) || descendants "${children[@]}"
  done
}

# pane_tree LIST-PANES-ARGS...: the panes' processes (shell, wizard, sleep) and their descendants.
pane_tree() {
  local panes
  mapfile -t panes < <(tm list-panes "$@" -F '#{pane_pid}' 2>/dev/null || true)
  ((${#panes[@]} == 0)) || descendants "${panes[@]}"
}

# alive PID: running (a zombie whose parent is gone counts as ended).
alive() { local s; s="$(ps -o stat= -p "$1" 2>/dev/null || true)"; [[ -n "$s" && "$s" != Z* ]]; }

# reap PID...: wait up to 3 s for the processes to end, then SIGKILL the rest (only our own processes:
# the panes' shells, the wizards, sleep). Prints how many had to be killed.
reap() {
  local p i n=0
  for i in $(seq 60); do
    n=0
    for p in "$@"; do alive "$p" && n=$((n + 1)); done
    ((n)) || break
    sleep 0.05
  done
  if ((n)); then
    for p in "$@"; do alive "$p" && kill -KILL "$p" 2>/dev/null; done
    echo "$n"
  fi
}

cleanup() {
  local rc=$? pids=() left
  if [[ -S "$SOCK" ]]; then
    mapfile -t pids < <(pane_tree -a)
    tm kill-server 2>/dev/null || true
    # A wizard that ignores the hangup would otherwise outlive the test (and write into a removed dir).
    left="$(reap "${pids[@]}")"
    [[ -z "$left" ]] || echo "e2e: killed $left process(es) still running 3 s after the tmux server ended" >&2
  fi
  if [[ "${E2E_KEEP:-}" == 1 ]]; then echo "e2e: kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# The pane command: a clean environment, the command, then the terminal modes (`stty -a`: restored?) and
# the exit status as lines (#{pane_dead_status} is unreliable in tmux 3.3a); then it stays for reading.
#   run.sh STATE_DIR TERM COMMAND...
cat >"$TMP/run.sh" <<'EOF'
#!/usr/bin/env bash
state="$1" term="$2"; shift 2
unset S3WIZARD_DRAFT_DIR S3WIZARD_THEME S3WIZARD_ASCII NO_COLOR LC_ALL
export HOME="$E2E_HOME" XDG_STATE_HOME="$state" TERM="$term" LANG=C.UTF-8
"$@"
rc=$?
echo "STTY: $(stty -a | tr '\n' ' ')"
echo "EXIT=$rc"
sleep 60
EOF
chmod +x "$TMP/run.sh"

CASE=""        # the running case, for messages
SESSION=""     # the tmux session of the running case

# The pane's scrollback and screen, without the trailing blank rows.
dump_pane() {
  echo "---- pane $SESSION (scrollback and screen) ----"
  tm capture-pane -p -J -S - -t "$SESSION" 2>/dev/null | awk 'NF { for (; n > 0; n--) print ""; print; next } { n++ }' || true
  echo "---- end of pane ----"
}

fail() {
  echo "not ok - $CASE: $*" >&2
  if [[ -n "$SESSION" ]] && tm has-session -t "$SESSION" 2>/dev/null; then
    dump_pane >&2
    stop
  fi
  exit 1
}

# start NAME WxH STATE_DIR TERM ARGS... : a new session running BIN ARGS under run.sh.
start() {
  local name="$1" size="$2" state="$3" term="$4"; shift 4
  start_cmd "$name" "$size" "$state" "$term" "$BIN" "$@"
}

# start_cmd NAME WxH STATE_DIR TERM COMMAND... : the same with any command.
start_cmd() {
  local name="$1" size="$2" state="$3" term="$4"; shift 4
  local cmd
  cmd="$(printf '%q ' "$TMP/run.sh" "$state" "$term" "$@")"
  SESSION="$name"
  tm new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" ${PANE_DIR:+-c "$PANE_DIR"} -e "E2E_HOME=$TMP/home" "$cmd"
  tm set-option -w -t "$name" window-size manual >/dev/null
}

# stop: end the session and everything under its pane (SIGKILL for what ignores the hangup).
stop() {
  [[ -n "$SESSION" ]] || return 0
  local pids=()
  mapfile -t pids < <(pane_tree -t "$SESSION")
  tm kill-session -t "$SESSION" 2>/dev/null || true
  SESSION=""
  ((${#pids[@]} == 0)) || reap "${pids[@]}" >/dev/null
}

screen() { tm capture-pane -p -J -t "$SESSION" 2>/dev/null || true; }
scrollback() { tm capture-pane -p -J -S - -t "$SESSION" 2>/dev/null || true; }

# wait_for TEXT [what]: the visible screen contains TEXT (fixed string).
wait_for() {
  local text="$1" deadline=$((SECONDS + TIMEOUT)) s
  while :; do
    s="$(screen)"
    [[ "$s" == *"$text"* ]] && return 0
    ((SECONDS < deadline)) || fail "timed out after ${TIMEOUT}s waiting for \"$text\"${2:+ ($2)}"
    sleep 0.05
  done
}

# wait_re REGEX [what]: the visible screen matches the extended regex.
wait_re() {
  local re="$1" deadline=$((SECONDS + TIMEOUT)) s
  while :; do
    s="$(screen)"
    grep -Eq -- "$re" <<<"$s" && return 0
    ((SECONDS < deadline)) || fail "timed out after ${TIMEOUT}s waiting for /$re/${2:+ ($2)}"
    sleep 0.05
  done
}

# wait_any TEXT... : prints the first TEXT that shows up on the screen or in the scrollback.
wait_any() {
  local deadline=$((SECONDS + TIMEOUT)) s t
  while :; do
    s="$(scrollback)"
    for t in "$@"; do [[ "$s" == *"$t"* ]] && { echo "$t"; return 0; }; done
    ((SECONDS < deadline)) || fail "timed out after ${TIMEOUT}s waiting for any of: $*"
    sleep 0.05
  done
}

# wait_exit STATUS: the pane printed EXIT=STATUS (the line may have scrolled into the scrollback).
wait_exit() {
  local want="$1" deadline=$((SECONDS + TIMEOUT)) s got
  while :; do
    s="$(scrollback)"
    got="$(grep -o 'EXIT=[0-9]*' <<<"$s" | tail -n 1 || true)"
    if [[ -n "$got" ]]; then
      [[ "$got" == "EXIT=$want" ]] || fail "expected EXIT=$want, got $got"
      return 0
    fi
    ((SECONDS < deadline)) || fail "timed out after ${TIMEOUT}s waiting for EXIT=$want"
    sleep 0.05
  done
}

# keys KEY... : tmux key names (Down Enter C-u Space ...). text STRING: literal text.
# Not Home/End: tmux sends \e[1~ / \e[4~, which the xterm-256color terminfo entry does not define.
keys() { tm send-keys -t "$SESSION" "$@"; }
text() { tm send-keys -t "$SESSION" -l -- "$1"; }

# settle: wait until two captures 50 ms apart are equal (a frame is not read half drawn).
settle() {
  local a b deadline=$((SECONDS + TIMEOUT))
  a="$(screen)"
  while :; do
    sleep 0.05
    b="$(screen)"
    [[ "$a" == "$b" ]] && return 0
    ((SECONDS < deadline)) || fail "the screen did not settle"
    a="$b"
  done
}

# re_escape TEXT: TEXT as an extended regex matching itself.
# shellcheck disable=SC2001  # one sed bracket expression is clearer than a bash loop
re_escape() { sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$1"; }

# move_to REGEX: press Down until the screen (the focused row, marked ▸) matches REGEX; every press waits
# for the screen to change, so no key is sent blind.
move_to() {
  local re="$1" i s before deadline
  for i in $(seq 20); do
    s="$(screen)"
    grep -Eq -- "$re" <<<"$s" && return 0
    before="$s"
    keys Down
    deadline=$((SECONDS + TIMEOUT))
    while [[ "$(screen)" == "$before" ]]; do
      ((SECONDS < deadline)) || fail "Down did not move the focus (looking for /$re/)"
      sleep 0.05
    done
    settle
  done
  fail "no row matching /$re/ after 20 presses of Down"
}

# follow_up y|n: the wizard offers to update the values built from the one just changed (the bucket name
# from the service or environment, ARNs from the account); answer it.
follow_up() {
  wait_for "Update them too?" "the offer to update the values built from the changed one"
  keys "$1"
  local deadline=$((SECONDS + TIMEOUT))
  while [[ "$(screen)" == *"Update them too?"* ]]; do
    ((SECONDS < deadline)) || fail "the follow-up question did not close on $1"
    sleep 0.05
  done
}

# edit_env VALUE: on the Basics step with the focus on its first row (as after the start), replace the
# environment (row 2) through the UI and check the title (service-environment) follows.
edit_env() {
  wait_re '▸ Service name' "focus on the first row"
  keys Down
  wait_re '▸ Environment' "focus on Environment"
  keys Enter C-u
  text "$1"
  keys Enter
  follow_up y
  wait_re "Bucket name +pii-reports-$1 " "the bucket name followed the environment"
  wait_for "s3wizard ─ pii-reports-$1 (" "title after editing the environment to $1"
  wait_re "Environment +$1 " "the Environment row shows $1"
}

# wizard_pid: the s3wizard process under the session's pane (its command line has $1, e.g. --theme dark).
wizard_pid() {
  local pane pid
  pane="$(tm display-message -p -t "$SESSION" '#{pane_pid}')"
  pid="$(pgrep -P "$pane" -f -- "$1" || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || fail "cannot find the s3wizard process ('$1') under pane pid $pane (got '$pid')"
  echo "$pid"
}

# wait_gone PID WHAT: the process ends (after WHAT); else the case fails (and the process is SIGKILLed).
wait_gone() {
  local pid="$1" deadline=$((SECONDS + TIMEOUT)) st
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      st="$(ps -o stat=,pcpu= -p "$pid" || true)"
      # Without a session (closed), fail's stop cannot end it.
      [[ -n "$SESSION" ]] || kill -KILL "$pid" 2>/dev/null || true
      fail "s3wizard (pid $pid) still running ${TIMEOUT}s after $2 (stat, %cpu: $st); it gets SIGKILL"
    fi
    sleep 0.05
  done
}

# The terminal modes of a fresh pane (set by the first case), to compare with after each wizard run.
BASELINE_STTY=""

# stty_restored: the pane's STTY line (stty -a after the wizard ended) has the cooked-mode flags back,
# and equals a fresh pane's.
stty_restored() {
  local line flag tokens
  line="$(scrollback | grep '^STTY:' | tail -n 1 || true)"
  [[ -n "$line" ]] || fail "no stty -a output in the pane"
  tokens=" $(tr -s ' ;' ' ' <<<"$line") "
  for flag in icanon echo isig icrnl opost ixon; do
    [[ "$tokens" == *" $flag "* ]] || fail "terminal not restored after the wizard: '$flag' is off ($line)"
  done
  # The window size is not a mode (a case that resizes the pane may read the size tmux has not settled yet).
  local size_re='rows [0-9]+; columns [0-9]+;'
  if [[ -n "$BASELINE_STTY" && "$(sed -E "s/$size_re//" <<<"$line")" != "$(sed -E "s/$size_re//" <<<"$BASELINE_STTY")" ]]; then
    fail "terminal modes differ from a fresh pane's:
  fresh: $BASELINE_STTY
  after: $line"
  fi
}

# draft_of DIR KEY: the one draft in DIR for KEY (example, or NAME-<hash>), one file per session.
draft_of() {
  local found=()
  mapfile -t found < <(compgen -G "$1/$2.*.yaml" || true)
  ((${#found[@]} == 1)) || fail "expected one draft $1/$2.*.yaml, found ${#found[@]}: ${found[*]:-none} (in $1: $(ls -A "$1" 2>&1 | tr '\n' ' '))"
  echo "${found[0]}"
}

# draft_has FILE VALUE: the draft exists and has environment VALUE (answers-file quoting).
draft_has() {
  [[ -f "$1" ]] || fail "no draft at $1"
  grep -qx "  environment: \"$2\"" "$1" || fail "the draft $1 lacks environment: \"$2\": $(grep environment: "$1")"
}

# Step headings (StepID.question in Sources/WizardUI/Form.swift, the part that fits on one line at
# 120x40) and names in the step list. Review shows its summary and tabs instead of the question.
STEP_NAMES=("Basics" "Encryption" "Key settings" "Key admins" "Data access" "VPC-only" "Protections" "Workload" "Review" "Export")
STEP_HEADINGS=(
  "Which bucket, where, and in which account?"
  "Which KMS key encrypts the data"
  "How is the new key kept?"
  "Who manages the key (but cannot use it)"
  "Which roles may touch the data, and how much?"
  "From which VPC, through which endpoint"
  "What protects the data from mistakes and loss?"
  "Scaffold the Lambda function that uses the data?"
  "Controls   Access matrix"
  "Write the Terraform module, the JSON policies"
)
OUT="$TMP/wizard-out"

# ===================================================================================================

case_walk() {
  CASE="full walk: every step in order, edits through the UI, export, parity with s3wizard generate"
  start walk 120x40 "$TMP/state-walk" xterm-256color
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  wait_re "▸1 [^ ]+ Basics"
  edit_env staging
  local i num
  for i in $(seq 1 9); do
    keys n
    wait_for "${STEP_HEADINGS[$i]}" "heading of step $((i + 1)) ${STEP_NAMES[$i]}"
    num=$(((i + 1) % 10))
    wait_re "▸$num [^ ]+ ${STEP_NAMES[$i]}" "the step list marks ${STEP_NAMES[$i]}"
    case "${STEP_NAMES[$i]}" in
      "Data access")
        # The role's requests through AWS services (Athena, Glue) allowed from outside the VPC: a
        # warning, not an error, so `n` still moves on; answers.yaml must say via_aws_services: true.
        move_to '▸.*Via AWS services'
        wait_re 'Via AWS services.*\[ \] no'
        keys Space
        wait_re 'Via AWS services.*\[x\] yes' "Via AWS services toggled on"
        ;;
      "Review")
        wait_for "data_access.roles[0].via_aws_services" "the Review summary names the via_aws_services warning"
        keys m
        wait_re 'principal +R +W +C +D +L +BP' "the access matrix"
        keys m
        wait_re 'Control +State +Stops' "back to the controls"
        ;;
    esac
  done
  # Export: the output directory (first row), then [Write files].
  wait_re '▸ Output directory'
  keys Enter C-u
  text "$OUT"
  keys Enter
  wait_re "Output directory +$(re_escape "${OUT:0:8}").*wizard-out" "the output directory field (a long path loses its middle)"
  move_to '▸ \[Write files\]'
  keys Enter
  wait_for "Wrote " "the export's status line"
  wait_for "file(s) to $OUT" "the export's status line names the directory"
  [[ -f "$OUT/answers.yaml" ]] || fail "no $OUT/answers.yaml after Write files"
  # The export saved the answers, so q quits at once.
  keys q
  local seen
  seen="$(wait_any "EXIT=" "Save the answers before quitting?")"
  if [[ "$seen" != "EXIT=" ]]; then
    echo "# note: q asked to save after the export had written answers.yaml; answering n" >&2
    keys n
  fi
  wait_exit 0
  stty_restored
  grep -qx '  environment: "staging"' "$OUT/answers.yaml" || fail "$OUT/answers.yaml lacks environment: \"staging\""
  grep -qx '      via_aws_services: true' "$OUT/answers.yaml" || fail "$OUT/answers.yaml lacks via_aws_services: true"
  "$BIN" generate --answers "$OUT/answers.yaml" --out "$TMP/cli-out" </dev/null >"$TMP/generate.log" 2>&1 ||
    fail "s3wizard generate --answers $OUT/answers.yaml --out $TMP/cli-out failed: $(cat "$TMP/generate.log")"
  # Everything, the manifest (.s3wizard-manifest.json: paths and content hashes, no time) included.
  diff -r "$OUT" "$TMP/cli-out" >&2 || fail "the wizard's export differs from s3wizard generate's output (diff above)"
  ok
}

case_resume() {
  CASE="resume from an answers file (--answers)"
  [[ -f "$OUT/answers.yaml" ]] || fail "no $OUT/answers.yaml (the walk case failed)"
  start resume 120x40 "$TMP/state-resume" xterm-256color --answers "$OUT/answers.yaml"
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  wait_for "s3wizard ─ pii-reports-staging (" "title from the answers file"
  wait_re "Environment +staging "
  keys q
  wait_exit 0
  ok
}

# check_no_tty LABEL STATUS STDOUT_FILE STDERR_FILE
check_no_tty() {
  [[ "$2" == 2 ]] || fail "$1: exit status $2, expected 2 (stderr: $(cat "$4"))"
  grep -q 's3wizard generate' "$4" || fail "$1: stderr does not point to s3wizard generate: $(cat "$4")"
  [[ ! -s "$3" ]] || fail "$1: stdout is not empty: $(od -c "$3" | head -5)"
}

case_no_tty() {
  CASE="no tty, outside tmux: BIN </dev/null >file and BIN </dev/null | cat"
  local rc=0
  env HOME="$TMP/home" XDG_STATE_HOME="$TMP/state-notty" TERM=xterm-256color \
    timeout 20 "$BIN" </dev/null >"$TMP/notty.out" 2>"$TMP/notty.err" || rc=$?
  check_no_tty "BIN </dev/null >file" "$rc" "$TMP/notty.out" "$TMP/notty.err"
  rc=0
  env HOME="$TMP/home" XDG_STATE_HOME="$TMP/state-notty" TERM=xterm-256color \
    timeout 20 "$BIN" </dev/null 2>"$TMP/pipe.err" | cat >"$TMP/pipe.out" || rc=$?
  check_no_tty "BIN </dev/null | cat" "$rc" "$TMP/pipe.out" "$TMP/pipe.err"
  [[ ! -e "$TMP/state-notty" ]] || fail "a refused start wrote to the state directory"
  ok
}

case_pipe_out() {
  CASE="no tty: stdin a terminal, stdout a pipe (BIN | cat in tmux)"
  # shellcheck disable=SC2016  # $1 $2 are bash -c's own arguments
  start_cmd pipe 120x40 "$TMP/state-pipe" xterm-256color \
    bash -c 'set -o pipefail; "$1" 2>"$2/pipe2.err" | cat >"$2/pipe2.out"' _ "$BIN" "$TMP"
  wait_exit 2
  check_no_tty "BIN | cat" 2 "$TMP/pipe2.out" "$TMP/pipe2.err"
  stty_restored
  ok
}

case_devnull_in() {
  CASE="no tty: stdin /dev/null, stdout a terminal (in tmux)"
  # shellcheck disable=SC2016
  start_cmd devnull 120x40 "$TMP/state-devnull" xterm-256color bash -c '"$1" </dev/null' _ "$BIN"
  wait_exit 2
  wait_for "s3wizard generate" "the message"
  stty_restored
  ok
}

case_dumb() {
  CASE="TERM=dumb"
  start dumb 120x40 "$TMP/state-dumb" dumb
  wait_exit 2
  wait_for "cannot move the cursor" "the TERM=dumb message"
  wait_for "s3wizard generate"
  ok
}

case_unknown_term() {
  CASE="TERM=nonexistent-term"
  start unknown 120x40 "$TMP/state-unknown" nonexistent-term
  wait_exit 2
  wait_for "'nonexistent-term' is unknown" "the unknown-TERM message"
  stty_restored
  ok
}

case_lang_c() {
  CASE="LANG=C draws ASCII (the locale is not UTF-8)"
  start_cmd langc 120x40 "$TMP/state-langc" xterm-256color env LANG=C LC_ALL=C "$BIN"
  wait_for "+- s3wizard - " "the ASCII frame"
  if [[ "$(screen)" == *"┌"* || "$(screen)" == *"│"* ]]; then fail "box-drawing characters under LANG=C"; fi
  keys q
  wait_exit 0
  ok
}

case_too_small() {
  CASE="too small (60x20), then big enough again (100x30)"
  start small 120x40 "$TMP/state-small" xterm-256color
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  wait_for "Steps"
  tm resize-window -t small -x 60 -y 20
  wait_for "Terminal too small: 60×20" "the too-small notice"
  wait_for "needs at least 80×24"
  # Keys pressed while only the notice shows must do nothing (no jump to step 5, no role deleted unseen).
  keys 5
  keys d
  sleep 0.2
  tm resize-window -t small -x 100 -y 30
  wait_for "${STEP_HEADINGS[0]}" "the step after enlarging"
  wait_re "●1 Basics" "the step strip at 100x30"
  wait_re '└─.*┘' "the frame's bottom border"
  keys q
  wait_exit 0
  ok
}

case_ctrl_c() {
  CASE="Ctrl-C keeps a draft and restores the terminal; the next start offers it"
  local state="$TMP/state-ctrlc" draft
  start ctrlc 120x40 "$state" xterm-256color
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  edit_env ctrlc
  keys C-c
  wait_exit 130
  draft="$(draft_of "$state/s3wizard/drafts" example)"
  draft_has "$draft" ctrlc
  wait_any "unsaved answers kept in $draft" >/dev/null
  stty_restored
  stop
  start ctrlc2 120x40 "$state" xterm-256color
  wait_for "Resume your draft?" "the draft offer"
  wait_for "A session on the built-in example ended with unsaved answers." "the offer names what the draft belongs to"
  wait_for "${draft##*/}" "the offer shows the draft's file"
  keys y
  wait_for "s3wizard ─ pii-reports-ctrlc (" "title after resuming the draft"
  keys q
  wait_for "Save the answers before quitting?" "the unsaved-changes question"
  keys n
  wait_exit 0
  [[ ! -e "$draft" ]] || fail "the draft is still there after quitting without saving"
  stty_restored
  ok
}

case_sigterm() {
  CASE="SIGTERM keeps a draft, exits 143 and restores the terminal"
  local state="$TMP/state-term" draft pid
  start term 120x40 "$state" xterm-256color --theme dark
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  edit_env sigterm
  pid="$(wizard_pid '--theme dark')"
  kill -TERM "$pid"
  wait_gone "$pid" "SIGTERM"
  wait_exit 143
  draft="$(draft_of "$state/s3wizard/drafts" example)"
  draft_has "$draft" sigterm
  wait_any "stopped by signal 15; unsaved answers kept in $draft" >/dev/null
  stty_restored
  ok
}

case_sighup() {
  CASE="SIGHUP (the terminal goes away) keeps a draft and ends the process"
  local state="$TMP/state-hup" pid
  start hup 120x40 "$state" xterm-256color --theme light
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  edit_env sighup
  pid="$(wizard_pid '--theme light')"
  # Closing the pane closes the terminal: the kernel sends SIGHUP, reads and writes then fail.
  tm kill-pane -t hup
  SESSION=""
  wait_gone "$pid" "its terminal was closed"
  draft_has "$(draft_of "$state/s3wizard/drafts" example)" sighup
  ok
}

# crash STATE_DIR THEME VALUE: edit, SIGSEGV the wizard, check the handler's message and the terminal.
crash() {
  local state="$1" theme="$2" value="$3" pid
  start "segv-$value" 120x40 "$state" xterm-256color --theme "$theme"
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  edit_env "$value"
  pid="$(wizard_pid "--theme $theme")"
  kill -SEGV "$pid"
  wait_exit 139
  wait_any "s3wizard: crashed (signal 11)" >/dev/null
  stty_restored
}

case_crash() {
  CASE="a crash (SIGSEGV) saves the draft (state dir already there) and restores the terminal"
  local state="$TMP/state-segv" draft
  mkdir -p "$state/s3wizard/drafts"
  crash "$state" high-contrast segv
  draft="$(draft_of "$state/s3wizard/drafts" example)"
  draft_has "$draft" segv
  wait_any "your answers were saved to $draft" >/dev/null
  ok
}

case_crash_first_run() {
  CASE="a crash (SIGSEGV) saves the draft on a first run (no \$XDG_STATE_HOME/s3wizard/ yet)"
  local state="$TMP/state-segv1"
  crash "$state" monochrome segvfirst
  [[ -d "$state/s3wizard/drafts" ]] || fail "no draft: $state/s3wizard/drafts/ was never created, so the crash handler could not write there"
  draft_has "$(draft_of "$state/s3wizard/drafts" example)" segvfirst
  ok
}

case_80x24() {
  CASE="80x24: step strip and first field"
  start small80 80x24 "$TMP/state-80" xterm-256color
  wait_for "${STEP_HEADINGS[0]:0:25}" "first frame"
  wait_re "●1 Basics +○2 +○3 +○4 +○5 +○6 +○7 +○8 +○9 +○0" "the step strip"
  wait_re "▸ Service name +pii-reports " "the first field, focused"
  wait_re '└─+┴─+┘' "the frame's bottom border"
  keys q
  wait_exit 0
  ok
}

case_storm() {
  CASE="a 6000-character paste and a key storm: no crash, no garbage, the wizard still answers"
  start storm 120x40 "$TMP/state-storm" xterm-256color
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  keys Enter C-u
  local chunk paste=""
  chunk="$(printf 'pasted-%02d-' $(seq 1 10))"
  for _ in $(seq 1 60); do paste+="$chunk"; done
  text "$paste"
  keys Enter
  wait_re '✗Service name' "the pasted (too long) service name is an error on its row"
  # A storm of keys in every state: steps, toggles, overlays, edits, resizes.
  local storm=(Down Down Enter x y z Escape Tab Tab BTab PageDown PageUp Right Left Space 5 End Enter a b Escape
               / v p c Escape '?' Escape 9 m ']' ']' Up Down m 0 Up Down 2 Space Space 1 Enter BSpace BSpace Enter)
  for _ in 1 2 3 4 5; do keys "${storm[@]}"; done
  tm resize-window -t "$SESSION" -x 90 -y 28
  tm resize-window -t "$SESSION" -x 120 -y 40
  keys Escape Escape 1
  wait_re '▸1 . Basics' "the wizard is back on Basics after the storm"
  screen | grep -q $'\e' && fail "escape characters on screen"
  keys C-c
  wait_exit 130
  stty_restored
  ok
}

# paste FILE [-p]: paste FILE's bytes into the pane (tmux converts LF to CR, as a terminal does); -p: in
# bracketed-paste markers when the application asked for them.
paste() { tm load-buffer -b e2e -- "$1" && tm paste-buffer -d -b e2e "${@:2}" -t "$SESSION"; }

# answers_service FILE: the service name saved in an answers file (double-quoted in the file).
answers_service() { sed -n 's/^  service: "\(.*\)"$/\1/p' "$1"; }

# start_on_answers NAME: a wizard on a fresh copy of the example in $TMP/NAME.yaml, editing Service name.
start_on_answers() {
  "$BIN" example >"$TMP/$1.yaml"
  start "$1" 120x40 "$TMP/state-$1" xterm-256color --answers "$TMP/$1.yaml"
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  wait_re '▸ Service name' "focus on the first row"
  keys Enter C-u
}

# save_and_quit FILE: s saves (the file is the one opened), q quits cleanly.
save_and_quit() {
  keys Enter
  follow_up n
  keys s
  wait_for "Saved $1." "the save"
  keys q
  wait_exit 0
}

case_paste_4097() {
  CASE="a 4,097-character paste from a terminal without bracketed paste (plain keys) keeps 4,097"
  start_on_answers paste4097
  { head -c 4090 /dev/zero | tr '\0' 'k'; printf 'END4097'; } >"$TMP/4097.txt"
  paste "$TMP/4097.txt"   # no -p: the bytes arrive as keys, as from a terminal without bracketed paste
  wait_for "kEND4097" "the end of the paste in the field"
  keys Enter
  follow_up n
  wait_re '✗Service name' "the too-long service name is an error on its row, not cut"
  keys s
  wait_for "Saved $TMP/paste4097.yaml." "the save"
  keys q
  wait_exit 0
  local got; got="$(answers_service "$TMP/paste4097.yaml")"
  [[ ${#got} == 4097 && "$got" == "$(cat "$TMP/4097.txt")" ]] || fail "saved service name has ${#got} characters, not the 4,097 pasted"
  ok
}

case_paste_100k() {
  CASE="a 100 KB bracketed paste arrives whole, well under a second; bracketed paste is off after exit"
  start_on_answers paste100k
  { head -c 99992 /dev/zero | tr '\0' 'x'; printf 'END-MARK'; } >"$TMP/100k.txt"
  local t0 t1 ms got
  t0=$EPOCHREALTIME
  paste "$TMP/100k.txt" -p
  wait_for "END-MARK" "the end of the paste in the field"
  t1=$EPOCHREALTIME
  ms=$(( (${t1/./} - ${t0/./}) / 1000 ))
  echo "# 100 KB bracketed paste: paste-buffer -> its end on screen in $ms ms (50 ms polling)"
  ((ms < 1000)) || fail "the 100 KB paste took $ms ms"
  keys Enter
  follow_up n
  keys s
  wait_for "Saved $TMP/paste100k.yaml." "the save"
  keys q
  wait_exit 0
  got="$(answers_service "$TMP/paste100k.yaml")"
  [[ ${#got} == 100000 && "$got" == "$(cat "$TMP/100k.txt")" ]] || fail "saved service name has ${#got} characters, not the 100,000 pasted"
  # The shell's terminal echoes what it reads: with bracketed paste still on, the markers would show (^[[200~).
  printf 'after-exit' >"$TMP/after.txt"
  paste "$TMP/after.txt" -p
  wait_for "after-exit" "the paste echoed by the terminal"
  screen | grep -q '200~' && fail "bracketed paste is still on after the wizard exited"
  stty_restored
  ok
}

case_paste_lines() {
  CASE="pasting abc⏎rdq into a field inserts 'abc rdq': no Review, no quit dialog"
  start_on_answers pastelines
  printf 'abc\nrdq' >"$TMP/lines.txt"
  paste "$TMP/lines.txt" -p
  wait_re '▸.?Service name +abc rdq' "the pasted text in the field, the line break as a space"
  settle
  screen | grep -q "Save the answers before quitting?" && fail "the pasted q opened the quit dialog"
  wait_for "${STEP_HEADINGS[0]}" "still on Basics (r did not jump to Review)"
  keys Escape
  wait_re '▸ Service name +pii-reports ' "Esc undoes the edit"
  keys q
  wait_exit 0
  ok
}

case_sigint() {
  CASE="SIGINT from outside keeps a draft keyed by the answers file, exits 130 and restores the terminal"
  local state="$TMP/state-int" pid draft
  "$BIN" example >"$TMP/int.yaml"
  start sigint 120x40 "$state" xterm-256color --answers "$TMP/int.yaml" --theme light
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  edit_env sigint
  pid="$(wizard_pid '--theme light')"
  kill -INT "$pid"
  wait_exit 130
  draft="$(draft_of "$state/s3wizard/drafts" "int.yaml-$(printf '%s' "$TMP/int.yaml" | sha256sum | cut -c1-12)")"
  draft_has "$draft" sigint
  wait_any "stopped by signal 2; unsaved answers kept in $draft" >/dev/null
  stty_restored
  ok
}

case_suspend() {
  CASE="SIGTSTP from outside: the terminal is given back (bracketed paste off) while stopped, taken again on SIGCONT"
  local pid
  start suspend 120x40 "$TMP/state-suspend" xterm-256color --theme monochrome
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  pid="$(wizard_pid '--theme monochrome')"
  kill -TSTP "$pid"
  local deadline=$((SECONDS + TIMEOUT))
  until [[ "$(ps -o stat= -p "$pid")" == T* ]]; do
    ((SECONDS < deadline)) || fail "SIGTSTP did not stop the wizard"
    sleep 0.05
  done
  printf 'while-stopped' >"$TMP/stopped.txt"
  paste "$TMP/stopped.txt" -p
  wait_for "while-stopped" "the paste echoed by the terminal while the wizard is stopped"
  screen | grep -q '200~' && fail "bracketed paste stayed on while the wizard was stopped"
  kill -CONT "$pid"
  wait_re '▸ Service name' "the wizard repainted after SIGCONT"
  keys Enter C-u
  printf 'abc\nq' >"$TMP/resumed.txt"
  paste "$TMP/resumed.txt" -p
  wait_re '▸.?Service name +abc q' "bracketed paste on again: the pasted q is text"
  keys Escape q
  wait_exit 0
  stty_restored
  ok
}

case_draft_fallback() {
  CASE="the state dir cannot be made (under a file): the draft goes to the working directory and says so; nowhere at all: Ctrl-C keeps the wizard open"
  local state="$TMP/state-is-a-file" cwd="$TMP/cwd-fallback" draft
  : >"$state"
  mkdir -p "$cwd"
  PANE_DIR="$cwd" start fallback 120x40 "$state" xterm-256color
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  edit_env fallback
  keys C-c
  wait_exit 130
  draft="$(draft_of "$cwd/.s3wizard-drafts" example)"
  draft_has "$draft" fallback
  wait_any "unsaved answers kept in $draft ($state/s3wizard: cannot create the directory: Not a directory)" >/dev/null
  stop
  # The next start (same working directory) finds it there.
  PANE_DIR="$cwd" start fallback2 120x40 "$state" xterm-256color
  wait_for "Resume your draft?" "the draft offer from the working directory"
  wait_for "${draft##*/}" "the offer shows the draft's file"
  keys n
  # The heading shows beside the offer too: wait for the offer to close (the decline has been handled then).
  local deadline=$((SECONDS + TIMEOUT))
  while [[ "$(screen)" == *"Resume your draft?"* ]]; do
    ((SECONDS < deadline)) || fail "the draft offer did not close on n"
    sleep 0.05
  done
  wait_for "${STEP_HEADINGS[0]}" "declined"
  [[ ! -e "$draft" ]] || fail "the declined draft is still there"
  # Now the working directory goes too (replaced by a file): nowhere to write.
  rm -rf "$cwd" && : >"$cwd"
  edit_env nowhere
  keys C-c
  wait_for "Draft not written: s saves, Ctrl-C quits anyway. Tried $state/s3wizard:" "the truth, on the status line"
  wait_re "Environment +nowhere " "the answers are still there"
  keys C-c
  wait_exit 130
  wait_any "s3wizard: interrupted; the unsaved answers were NOT kept" >/dev/null
  [[ ! -e "$cwd" || -f "$cwd" ]] || fail "something was written where it could not be"
  stty_restored
  ok
}

case_crash_fallback() {
  CASE="a crash with the state dir unwritable saves the draft in the working directory and says where; with nowhere to write, says so"
  local state="$TMP/state-crash-file" cwd="$TMP/cwd-crash" pid draft
  : >"$state"
  mkdir -p "$cwd"
  PANE_DIR="$cwd" start crashfb 120x40 "$state" xterm-256color --theme high-contrast
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  edit_env crashfb
  pid="$(wizard_pid '--theme high-contrast')"
  kill -SEGV "$pid"
  wait_exit 139
  draft="$(draft_of "$cwd/.s3wizard-drafts" example)"
  draft_has "$draft" crashfb
  wait_any "your answers were saved to $draft" >/dev/null
  stty_restored
  stop
  # Nowhere to write (the working directory replaced by a file): the handler says so, with both paths.
  PANE_DIR="$cwd" start crashfb2 120x40 "$state" xterm-256color --theme high-contrast
  wait_for "Resume your draft?" "the draft offer"
  keys n
  edit_env crashnowhere
  rm -rf "$cwd" && : >"$cwd"
  pid="$(wizard_pid '--theme high-contrast')"
  kill -SEGV "$pid"
  wait_exit 139
  wait_any "s3wizard: crashed (signal 11); your unsaved answers could NOT be saved (tried $state/s3wizard/drafts/example." >/dev/null
  wait_any " and $cwd/.s3wizard-drafts/example." >/dev/null
  stty_restored
  ok
}

case_keyed_drafts() {
  CASE="drafts are keyed by the answers file: a.yaml's draft is offered for a.yaml (named), not for b.yaml; a clean quit keeps another session's draft"
  local state="$TMP/state-keyed" pid draft
  "$BIN" example >"$TMP/a.yaml"
  "$BIN" example >"$TMP/b.yaml"
  # Two wizards on a.yaml: the first is stopped (SIGTERM keeps its draft), then the second quits cleanly.
  start keyed-b 120x40 "$state" xterm-256color --answers "$TMP/a.yaml" --theme light
  wait_for "${STEP_HEADINGS[0]}" "first frame (second wizard)"
  local second="$SESSION"
  start keyed-a 120x40 "$state" xterm-256color --answers "$TMP/a.yaml" --theme dark
  wait_for "${STEP_HEADINGS[0]}" "first frame (first wizard)"
  edit_env keyed
  pid="$(wizard_pid '--theme dark')"
  kill -TERM "$pid"
  wait_exit 143
  draft="$(draft_of "$state/s3wizard/drafts" "a.yaml-$(printf '%s' "$TMP/a.yaml" | sha256sum | cut -c1-12)")"
  draft_has "$draft" keyed
  stop
  SESSION="$second"
  keys q
  wait_exit 0
  [[ -e "$draft" ]] || fail "a wizard that quit cleanly deleted another session's draft"
  stop
  start keyed-other 120x40 "$state" xterm-256color --answers "$TMP/b.yaml"
  wait_for "${STEP_HEADINGS[0]}" "first frame on b.yaml"
  settle
  screen | grep -q "Resume your draft?" && fail "a.yaml's draft was offered for b.yaml"
  keys q
  wait_exit 0
  stop
  start keyed-same 120x40 "$state" xterm-256color --answers "$TMP/a.yaml"
  wait_for "A session on $TMP/a.yaml ended with unsaved answers." "a.yaml's draft, offered by name"
  keys y
  wait_re "Environment +keyed " "resumed"
  keys q
  wait_for "Save the answers before quitting?" "the quit question"
  keys y
  wait_exit 0
  grep -qx '  environment: "keyed"' "$TMP/a.yaml" || fail "a.yaml does not have the resumed answers"
  grep -qx '  environment: "prod"' "$TMP/b.yaml" || fail "b.yaml changed"
  [[ ! -e "$draft" ]] || fail "the resumed draft is still there after saving"
  ok
}

case_two_wizards() {
  CASE="two wizards, one file: the second save asks before overwriting the first's"
  "$BIN" example >"$TMP/shared.yaml"
  start two-a 120x40 "$TMP/state-two" xterm-256color --answers "$TMP/shared.yaml" --theme dark
  wait_for "${STEP_HEADINGS[0]}" "first frame (first wizard)"
  local first="$SESSION"
  start two-b 120x40 "$TMP/state-two" xterm-256color --answers "$TMP/shared.yaml" --theme light
  wait_for "${STEP_HEADINGS[0]}" "first frame (second wizard)"
  local second="$SESSION"
  SESSION="$first"
  edit_env first
  keys s
  wait_for "Saved $TMP/shared.yaml." "the first save"
  SESSION="$second"
  edit_env second
  keys s
  wait_for "Replace a different file?" "the question"
  wait_for "is not the file this wizard last read or saved there" "the question's reason"
  grep -qx '  environment: "first"' "$TMP/shared.yaml" || fail "the second save overwrote the first's work without asking"
  keys n
  wait_for "Not saved: $TMP/shared.yaml was left as it is" "declined"
  keys s
  wait_for "Replace a different file?" "asked again"
  keys y
  wait_for "Saved $TMP/shared.yaml." "overwritten after yes"
  grep -qx '  environment: "second"' "$TMP/shared.yaml" || fail "y did not overwrite"
  keys q
  wait_exit 0
  stop
  SESSION="$first"
  keys q
  wait_exit 0
  ok
}

# quit_discarding: q, then n at the unsaved-changes question; the wizard exits 0.
quit_discarding() {
  keys q
  wait_for "Save the answers before quitting?" "the unsaved-changes question"
  keys n
  wait_exit 0
}

case_blank_start() {
  CASE="s3wizard new: a blank plan, the required names say so, typing fills them"
  start blank 120x40 "$TMP/state-blank" xterm-256color new
  wait_for "new, not saved" "the header says the plan is new"
  wait_re "▸✗Service name" "the empty service name is an error"
  wait_for "required" "the error says the field is required"
  keys Enter
  text "billing"
  keys Enter
  wait_re "Service name +billing " "the typed service name"
  screen | grep -q "pii-reports" && fail "the blank plan shows the example's names"
  quit_discarding
  ok
}

case_account_change() {
  CASE="changing the account offers to update the ARNs that name the old one"
  start account 200x50 "$TMP/state-account" xterm-256color
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  move_to '▸ Account id'
  keys Enter C-u
  text "444455556666"
  keys Enter
  wait_for "2 values still name account 111122223333" "the follow-up names the old account"
  wait_for "key_administration.deployer_arns[0]" "and lists the values"
  keys y
  wait_for "Updated 2 values" "the update"
  keys 4
  wait_for "arn:aws:iam::444455556666:role/security-kms-admin" "the admin ARN names the new account"
  wait_for "arn:aws:iam::444455556666:role/terraform-deployer" "the deployer ARN names the new account"
  quit_discarding
  ok
}

case_review_and_zoom() {
  CASE="80x24: the review's detail scrolls with its position shown; zoom keeps keys off the hidden form"
  start review 80x24 "$TMP/state-review" xterm-256color
  wait_for "${STEP_HEADINGS[0]:0:25}" "first frame"
  keys 9
  wait_re "1–[0-9]+ of [0-9]+ · PgUp PgDn" "the detail's position indicator"
  keys PageDown
  wait_re "4–[0-9]+ of [0-9]+ · PgUp PgDn" "PgDn scrolled the detail"
  keys m
  wait_for "KD schedule key deletion" "the matrix legend at 80 columns"
  wait_for "aws-svc" "every network path has a tab at 80 columns"
  keys 1 v
  wait_re "Preview: |terraform/" "the zoomed preview"
  keys Enter
  wait_for "The preview is zoomed" "Enter does not edit the hidden field"
  keys v
  wait_re "▸ Service name +pii-reports " "the form again, the field unchanged"
  keys q
  wait_exit 0
  ok
}

case_wide_chars() {
  CASE="wide characters are drawn, not ????; an emoji in a tag is a validation error"
  start wide 120x40 "$TMP/state-wide" xterm-256color
  wait_for "${STEP_HEADINGS[0]}" "first frame"
  move_to '▸ Tags'
  keys Enter C-e
  text ", チーム=データ基盤"
  keys Enter
  wait_for "チーム=データ基盤" "the tag, drawn in wide cells"
  screen | grep -q '????' && fail "wide characters drawn as ?"
  keys Up
  move_to '▸ Tags'
  keys Enter C-e
  text "😀"
  keys Enter
  wait_for "AWS refuses in tags" "the emoji is refused with a message"
  quit_discarding
  ok
}

CASE_T0=$SECONDS
ok() { echo "ok - $CASE ($((SECONDS - CASE_T0))s)"; stop; }

# ===================================================================================================

# The baseline for stty_restored: run.sh with `true` in a fresh pane.
CASE="baseline: a fresh pane's terminal modes"
start_cmd base 120x40 "$TMP/state-base" xterm-256color true
wait_exit 0
BASELINE_STTY="$(scrollback | grep '^STTY:' | tail -n 1)"
stop

CASES=(case_walk case_resume case_no_tty case_pipe_out case_devnull_in case_dumb case_unknown_term case_lang_c
  case_too_small case_ctrl_c case_sigterm case_sighup case_crash case_crash_first_run case_80x24 case_storm
  case_paste_4097 case_paste_100k case_paste_lines case_blank_start case_account_change case_review_and_zoom
  case_wide_chars case_sigint case_suspend case_draft_fallback case_crash_fallback case_keyed_drafts case_two_wizards)
failed=()
ran=0
for c in "${CASES[@]}"; do
  [[ -z "${E2E_ONLY:-}" || "$c" =~ ${E2E_ONLY} ]] || continue
  ran=$((ran + 1))
  CASE_T0=$SECONDS
  CASE="$c"
  # A subshell per case: a failure (fail, or any command failing under set -e) ends only that case.
  set +e
  (
    set -eE
    trap 'fail "unexpected failure (status $?) of: $BASH_COMMAND"' ERR
    "$c"
  )
  rc=$?
  set -e
  ((rc == 0)) || failed+=("$c")
done

if ((${#failed[@]})); then
  echo "e2e: ${#failed[@]} of $ran case(s) FAILED: ${failed[*]} ($((SECONDS - T0))s)" >&2
  exit 1
fi
echo "e2e: all $ran cases passed in $((SECONDS - T0))s"
