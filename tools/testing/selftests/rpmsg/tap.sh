# SPDX-License-Identifier: GPL-2.0
#
# TAP helpers for guest tests (busybox ash). Source it:
#   . /copro/tests/tap.sh
#   tap_plan 3
#   tap_check "the device node exists" test -c /dev/rpmsg_ctrl0
#   tap_done
# The host collects every "ok"/"not ok" line; a script that exits non-zero,
# or runs fewer tests than it planned, counts as a failure too.

TAP_N=0
TAP_FAILED=0
TAP_PLANNED=

tap_plan() {
	TAP_PLANNED=$1
	echo "1..$1"
}

tap_ok() {
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1"
}

tap_fail() {
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $1"
	[ -z "${2:-}" ] || echo "$2" | sed 's/^/# /'
}

tap_skip() {
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1 # SKIP ${2:-}"
}

# tap_check DESC CMD...: ok when CMD succeeds; its output is shown on failure.
tap_check() {
	_desc=$1
	shift
	if _out=$("$@" 2>&1); then
		tap_ok "$_desc"
	else
		tap_fail "$_desc" "\$ $*
$_out"
	fi
}

# tap_eq DESC EXPECTED ACTUAL
tap_eq() {
	if [ "$2" = "$3" ]; then
		tap_ok "$1"
	else
		tap_fail "$1" "expected: '$2'
got:      '$3'"
	fi
}

# wait_for SECONDS CMD...: poll CMD until it succeeds; fail after SECONDS.
wait_for() {
	_limit=$(($1 * 10))
	shift
	while ! "$@" >/dev/null 2>&1; do
		_limit=$((_limit - 1))
		[ "$_limit" -gt 0 ] || return 1
		sleep 0.1
	done
}

# run_kselftest PREFIX PROG...: a kselftest program's results as our TAP.
run_kselftest() {
	_pfx=$1
	shift
	"$@" > /tmp/kselftest.out 2>&1
	echo "# $1 exited with $?"
	while read -r _line; do
		case $_line in
		"ok "*"# SKIP"*) tap_skip "$_pfx${_line#ok * }" ;;
		"ok "*) tap_ok "$_pfx${_line#ok [0-9]* }" ;;
		"not ok "*) tap_fail "$_pfx${_line#not ok [0-9]* }" \
			"$(grep -v '^ok \|^not ok ' /tmp/kselftest.out | tail -n 20)" ;;
		esac
	done < /tmp/kselftest.out
	grep -q '^\(not \)\?ok ' /tmp/kselftest.out ||
		tap_fail "$_pfx$1 ran" "$(tail -n 20 /tmp/kselftest.out)"
}

# tap_script PREFIX SCRIPT...: another guest test's results as our TAP,
# each description prefixed; its exit status must be 0 as well. SCRIPT may
# use tap_script itself: each level has its own output file.
tap_script() {
	_pfx=$1
	shift
	_out=$(mktemp /tmp/tap-script.XXXXXX)
	"$@" > "$_out" 2>&1
	_rc=$?
	while read -r _line; do
		case $_line in
		"ok "*"# SKIP"*)
			_d=${_line#ok [0-9]* - }
			tap_skip "$_pfx${_d%% # SKIP*}" "$(echo "$_d" | sed -n 's/.* # SKIP *//p')" ;;
		"ok "*) tap_ok "$_pfx${_line#ok [0-9]* - }" ;;
		"not ok "*) tap_fail "$_pfx${_line#not ok [0-9]* - }" ;;
		"#"*) echo "$_line" ;;
		esac
	done < "$_out"
	[ $_rc -eq 0 ] || tap_fail "$_pfx$* exits with 0 (not $_rc)" \
		"$(grep -v '^ok \|^not ok ' "$_out" | tail -n 20)"
	rm -f "$_out"
}

tap_done() {
	[ -n "$TAP_PLANNED" ] || echo "1..$TAP_N"
	if [ -n "$TAP_PLANNED" ] && [ "$TAP_N" -ne "$TAP_PLANNED" ]; then
		echo "# planned $TAP_PLANNED tests, ran $TAP_N"
		exit 1
	fi
	[ "$TAP_FAILED" -eq 0 ]
	exit $?
}
