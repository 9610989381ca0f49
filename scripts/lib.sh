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
# ever fetched with `apt-get download` and unpacked with `dpkg-deb -x`.
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
		"-o Debug::NoLocking=1" \
		"-o Acquire::Retries=3" \
		"-o APT::Sandbox::User=root"
}

copro_apt_update() {
	local stamp=$COPRO_APT_DIR/updated
	mkdir -p "$COPRO_APT_DIR/lists/partial" "$COPRO_APT_DIR/cache/archives/partial"
	touch "$COPRO_APT_DIR/status"
	cat > "$COPRO_APT_DIR/sources.list" <<-EOF
	deb [arch=amd64,armhf,arm64] http://deb.debian.org/debian bookworm main
	deb [arch=amd64,armhf,arm64] http://deb.debian.org/debian bookworm-backports main
	EOF
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

# Download one package (name[:arch][=version]) into the deb cache; print its path.
copro_apt_download() {
	local spec=$1 dir=$COPRO_CACHE/debs name arch ver f
	mkdir -p "$dir"
	name=${spec%%[:=]*}
	arch=$(echo "$spec" | sed -n 's/^[^:=]*:\([^=]*\).*/\1/p')
	ver=$(echo "$spec" | sed -n 's/^[^=]*=\(.*\)$/\1/p')
	# Existing file with matching name (and version, if given) is a cache hit.
	f=$(ls "$dir/${name}_${ver:+$(echo "$ver" | sed 's/^[0-9]*://')}"*"${arch:+_$arch}".deb 2>/dev/null | tail -n1)
	if [ -z "$f" ]; then
		# shellcheck disable=SC2046
		(cd "$dir" && apt-get $(copro_apt_opts) -q download "$spec" >&2) ||
			die "cannot download $spec"
		f=$(ls "$dir/${name}_"*.deb | tail -n1)
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
