#!/bin/sh
# Called by the build (exec-maven-plugin, prepare-package) with: OUT MAVEN_VERSION MAINTAINER CLASSES_DIR.
# Writes what the .deb needs besides the repository's files into OUT (target/deb):
#   control/       the control file and maintainer scripts, with the Debian version filled in
#   changelog.Debian.gz, vitalgate.1.gz   compressed with gzip -9n, as Debian policy asks
# and CLASSES_DIR/org/vitalgate/cli/build.properties: the commit the jar is built from (`vitalgate --version`).
# Debian version: 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT-1 (a snapshot sorts before its release), 0.1.0 -> 0.1.0-1.
set -eu
out=$1 maven_version=$2 maintainer=$3 classes=$4
here=$(dirname "$0")
version="$(printf '%s' "$maven_version" | sed 's/-SNAPSHOT$/~SNAPSHOT/')-1"
rm -rf "$out"
mkdir -p "$out/control"
for f in "$here"/deb/control/*; do
    sed -e "s/\[\[deb.version\]\]/$version/" -e "s/\[\[deb.maintainer\]\]/$maintainer/" "$f" > "$out/control/${f##*/}"
    chmod "$(stat -c %a "$f")" "$out/control/${f##*/}"
done
sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" "$here/changelog" | gzip -9n > "$out/changelog.Debian.gz"
gzip -9n < "$here/vitalgate.1" > "$out/vitalgate.1.gz"
printf '%s\n' "$version" > "$out/version"
commit=$(git -C "$here/.." rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git -C "$here/.." status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit-dirty"
fi
mkdir -p "$classes/org/vitalgate/cli"
printf 'commit=%s\n' "$commit" > "$classes/org/vitalgate/cli/build.properties"
