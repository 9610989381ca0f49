# SPDX-License-Identifier: GPL-2.0
# Shared helpers for copro's scripts. Source it; do not run it.

COPRO_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COPRO_CACHE=${COPRO_CACHE:-$HOME/.cache/copro}
export COPRO_TOP COPRO_CACHE

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
usage_error() { echo "$(basename "$0"): $*" >&2; exit 2; }
log() { echo ">>> $*" >&2; }

# A hash of the given files/directories' contents (tracked or not), used as
# a cache key so that a change to any input rebuilds what depends on it.
content_hash() {
	local p
	for p in "$@"; do
		if [ -d "$p" ]; then
			(cd "$p" && find . -type f ! -name '*.o' -print0 | LC_ALL=C sort -z |
				xargs -0 sha256sum)
		elif [ -e "$p" ]; then
			sha256sum < "$p"
		else
			echo "missing $p"
		fi
	done | sha256sum | cut -c1-16
}

# Private apt configuration for foreign-architecture downloads: separate lists
# and an empty dpkg status so nothing on the host is touched. Packages are only
# ever fetched with `apt-get download` and unpacked with `dpkg-deb -x`; source
# packages with `apt-get source --download-only` and `dpkg-source -x`.
COPRO_APT_DIR=$COPRO_CACHE/apt
copro_apt_opts() {
	echo "-o Dir::Etc::SourceList=$COPRO_APT_DIR/sources.list" \
		"-o Dir::Etc::SourceParts=/dev/null" \
		"-o Dir::State::Lists=$COPRO_APT_DIR/lists" \
		"-o Dir::State::status=$COPRO_APT_DIR/status" \
		"-o Dir::Cache=$COPRO_APT_DIR/cache" \
		"-o APT::Architecture=amd64" \
		"-o APT::Architectures::=amd64" \
		"-o APT::Architectures::=armhf" \
		"-o APT::Architectures::=arm64" \
		"-o APT::Default-Release=bookworm" \
		"-o Debug::NoLocking=1" \
		"-o Acquire::Retries=3" \
		"-o APT::Sandbox::User=root"
}

copro_apt_update() {
	local stamp=$COPRO_APT_DIR/updated sources
	mkdir -p "$COPRO_APT_DIR/lists/partial" "$COPRO_APT_DIR/cache/archives/partial"
	touch "$COPRO_APT_DIR/status"
	# bookworm is the default release (busybox and every unpinned download
	# come from it); trixie (Debian 13) carries the 6.12 kernels we test,
	# armmp and arm64, the linux-source-6.12 the debug kernel and the
	# mainline stack are built from, the meson the emulator is configured
	# with, and (its source index) the qemu 10.0 source package
	# (scripts/build-qemu). The host's own sources are never changed.
	sources='deb [arch=amd64,armhf,arm64] http://deb.debian.org/debian bookworm main
deb [arch=amd64,armhf,arm64] http://deb.debian.org/debian bookworm-backports main
deb [arch=amd64,armhf,arm64] http://deb.debian.org/debian trixie main
deb-src http://deb.debian.org/debian trixie main'
	# Another list of suites needs new package lists, whatever their age.
	if [ "$(cat "$COPRO_APT_DIR/sources.list" 2>/dev/null)" != "$sources" ]; then
		echo "$sources" > "$COPRO_APT_DIR/sources.list"
		rm -f "$stamp"
	fi
	# Refresh at most once a day; work offline from what is already there.
	if [ -z "$(find "$stamp" -mmin -1440 2>/dev/null)" ]; then
		# shellcheck disable=SC2046
		if apt-get $(copro_apt_opts) -q update >"$COPRO_APT_DIR/update.log" 2>&1; then
			touch "$stamp"
		else
			log "apt-get update failed (offline?), using cached package lists"
		fi
	fi
}

_copro_deb_newest() { # _copro_deb_newest GLOB
	# shellcheck disable=SC2086
	ls $1 2>/dev/null | sort -V | tail -n1
}

# Download one package (name[:arch][=version]) into the deb cache; print its path.
# Several versions of one package may sit in the cache (linux-source-6.12 from
# bookworm-backports and from trixie): the file must match the version asked.
copro_apt_download() {
	local spec=$1 dir=$COPRO_CACHE/debs name arch ver glob f
	mkdir -p "$dir"
	name=${spec%%[:=]*}
	arch=$(echo "$spec" | sed -n 's/^[^:=]*:\([^=]*\).*/\1/p')
	ver=$(echo "$spec" | sed -n 's/^[^=]*=\(.*\)$/\1/p')
	# apt-get download spells an epoch's colon %3a in the file name.
	ver=${ver//:/%3a}
	glob="$dir/${name}_${ver:-*}_${arch:-*}.deb"
	f=$(_copro_deb_newest "$glob")
	if [ -z "$f" ]; then
		# shellcheck disable=SC2046
		(cd "$dir" && apt-get $(copro_apt_opts) -q download "$spec" >&2) ||
			die "cannot download $spec"
		f=$(_copro_deb_newest "$glob")
		[ -n "$f" ] || die "apt-get download $spec left no $glob"
	fi
	echo "$f"
}

# The newest package in the private lists matching an extended regexp.
copro_apt_newest() {
	# shellcheck disable=SC2046
	apt-cache $(copro_apt_opts) search --names-only "$1" 2>/dev/null |
		awk '{print $1}' | sort -V | tail -n1
}

copro_apt_version() {
	# shellcheck disable=SC2046
	apt-cache $(copro_apt_opts) show "$1" 2>/dev/null |
		sed -n 's/^Version: //p' | sort -V | tail -n1
}

# The version of a package in one suite (e.g. trixie), from the private lists.
copro_apt_suite_version() { # copro_apt_suite_version PACKAGE SUITE
	# shellcheck disable=SC2046
	apt-cache $(copro_apt_opts) madison "$1" 2>/dev/null |
		awk -F'|' -v s="$2" '$3 ~ " " s "/" { gsub(/ /, "", $2); print $2 }' |
		sort -V | tail -n1
}
