#!/usr/bin/env bash
# Builds the services' base image, offline and reproducibly, as a `docker save`-format tarball that Jib reads
# through `tar://` (Jib reads no OCI layout as a base). No registry is reachable here, so no distroless or
# Temurin image can be pulled: the base is made from this machine's Debian packages instead, distroless-like:
#   /opt/java                 a Java 17 runtime linked by jlink from Debian's openjdk-17 jmods (the JDK the
#                             services are compiled and tested with), its trust store a real file copied from
#                             the host's ca-certificates-java store (the JDK's own cacerts is a symlink to it)
#   /lib64, /usr/lib/...      the glibc, zlib and libstdc++ shared objects that runtime loads (ldd) and the
#                             C.UTF-8 locale, copied from the host; their Debian packages and versions are in the
#                             image's `com.stack.base.packages` label and, with their copyright files, under
#                             /usr/share/doc
#   /etc/passwd, /etc/group   root and nonroot (65532), the user the services run as; /home/nonroot its home
#   /tmp                      mode 1777 (a Kubernetes emptyDir replaces it under a read-only root filesystem)
# and nothing else: no shell, no package manager.
#
# Usage: infra/images/base.sh [OUTPUT_DIR]   (default <repo>/target/images/base; prints the tarball's path)
# Idempotent: the tarball is rebuilt only when an input changed (this script, the JDK, a copied file).
# Every timestamp is the epoch and every owner numeric, so the same inputs give the same layer digest.
set -euo pipefail

STACK_LOG_TAG=images
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

JDK=/usr/lib/jvm/java-17-openjdk-amd64
OUT="$(mkdir -p "${1:-$STACK_ROOT/target/images/base}" && cd "${1:-$STACK_ROOT/target/images/base}" && pwd -P)"
TARBALL="$OUT/base.tar"
JAVA_HOME_IN_IMAGE=/opt/java

# The union of `jdeps --print-module-deps` over every service's exec jar (dependencies included), plus the
# providers jdeps cannot see because they are found at run time: elliptic-curve TLS (jdk.crypto.ec), JNDI DNS
# (jdk.naming.dns), the zip file system and the extra charsets.
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,java.scripting
MODULES+=,java.security.jgss,java.security.sasl,java.sql,java.sql.rowset,jdk.jfr,jdk.management,jdk.net
MODULES+=,jdk.unsupported,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.charsets

# java.desktop's native parts that only a display, sound or font rendering loads (the services run headless):
# dropping them keeps X11, ALSA, FreeType and the image codecs out of the image.
HEADLESS_UNUSED=(libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so libfontmanager.so libjavajpeg.so liblcms.so)

# The host shared objects a linked runtime loads: ldd over its launcher and native libraries.
host_libraries() {
  find "$1/bin" "$1/lib" -type f \( -name java -o -name '*.so' \) -exec ldd {} + \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
    | grep -v "^$1/" | sort -u
}

# The Debian package owning a file, also found through the /lib -> /usr/lib merge.
package_of() {
  dpkg-query -S "$1" 2>/dev/null || dpkg-query -S "$(readlink -f "$1")" 2>/dev/null \
    || dpkg-query -S "${1#/usr}" 2>/dev/null || dpkg-query -S "/usr${1}" 2>/dev/null \
    || die "no Debian package owns $1"
}

[[ -d "$JDK/jmods" ]] || apt_install openjdk-17-jdk-headless
[[ -f "$JDK/jmods/java.base.jmod" ]] || die "$JDK has no jmods: jlink needs them"
CACERTS="$(readlink -f "$JDK/lib/security/cacerts")"
[[ -f "$CACERTS" ]] || apt_install ca-certificates-java

# Everything the layer is made of: this script, the JDK, the host's packages (the libraries and the JDK come
# from them; any package change rebuilds, which is rare and costs one jlink) and the trust store
fingerprint() {
  { cat "${BASH_SOURCE[0]}" "$JDK/release"; dpkg-query -W; sha256sum "$CACERTS"; } | sha256sum | cut -d' ' -f1
}

with_lock images-base
FINGERPRINT="$(fingerprint)"
if [[ -f "$TARBALL" && "$(cat "$OUT/fingerprint" 2>/dev/null)" == "$FINGERPRINT" ]]; then
  log "base image up to date: $TARBALL"
  echo "$TARBALL"
  exit 0
fi

log "building the base image (jlink from $(basename "$JDK"))"
umask 022
WORK="$(mktemp -d "$OUT/.work.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
mkdir -p "$ROOT/opt" "$ROOT/etc" "$ROOT/tmp" "$ROOT/home/nonroot" "$ROOT/usr/share/doc"

# No --compress: the layer's gzip compresses the class files better than jlink's zip does (28 MB against 35 MB
# here), and the JVM does not inflate its module image at every start
"$JDK/bin/jlink" --add-modules "$MODULES" --output "$ROOT$JAVA_HOME_IN_IMAGE" \
  --strip-debug --no-header-files --no-man-pages
for name in "${HEADLESS_UNUSED[@]}"; do rm -f "$ROOT$JAVA_HOME_IN_IMAGE/lib/$name"; done
cp --remove-destination "$CACERTS" "$ROOT$JAVA_HOME_IN_IMAGE/lib/security/cacerts"

mapfile -t LIBRARIES < <(host_libraries "$ROOT$JAVA_HOME_IN_IMAGE")
LOCALE=/usr/lib/locale/C.utf8
mapfile -t PACKAGES < <(
  { for file in "${LIBRARIES[@]}" "$LOCALE"; do package_of "$file"; done
    package_of "$JDK/jmods/java.base.jmod"; package_of "$JDK/lib/server/libjvm.so"
    echo "ca-certificates-java:"; echo "ca-certificates:"
  } | cut -d: -f1 | sort -u)
PACKAGE_VERSIONS="$(dpkg-query -W -f '${Package}=${Version} ' "${PACKAGES[@]}" | sed 's/ $//')"
log "runtime linked; host packages copied: $PACKAGE_VERSIONS"

# Each library at the path the loader looks in (the interpreter at its fixed /lib64 path, the others in the
# multiarch directory), as the real file rather than a symlink
for file in "${LIBRARIES[@]}"; do
  if [[ "$file" == */ld-linux* ]]; then
    target="$ROOT/lib64/$(basename "$file")"
  else
    target="$ROOT/usr/lib/x86_64-linux-gnu/$(basename "$file")"
  fi
  mkdir -p "$(dirname "$target")"
  cp -L "$file" "$target"
done
# The C.UTF-8 locale (glibc 2.36 does not build it in): with LANG=C.UTF-8 the JVM reads and writes file names,
# arguments and the environment as UTF-8, not ASCII
mkdir -p "$ROOT/usr/lib/locale"
cp -rL "$LOCALE" "$ROOT/usr/lib/locale/"
for package in "${PACKAGES[@]}"; do
  [[ -f "/usr/share/doc/$package/copyright" ]] || continue
  mkdir -p "$ROOT/usr/share/doc/$package"
  cp -L "/usr/share/doc/$package/copyright" "$ROOT/usr/share/doc/$package/copyright"
done
tr ' ' '\n' <<<"$PACKAGE_VERSIONS" >"$ROOT/usr/share/doc/packages"

cat >"$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
cat >"$ROOT/etc/group" <<'EOF'
root:x:0:
nonroot:x:65532:
EOF
cat >"$ROOT/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF
chmod 1777 "$ROOT/tmp"
chmod 0700 "$ROOT/home/nonroot"
chmod -R go-w "$ROOT/opt" "$ROOT/usr" "$ROOT/lib64"

# One layer: root-owned files, then nonroot's home owned by nonroot; sorted names, epoch times
TAR_FLAGS=(--format=gnu --sort=name --mtime=@0 --numeric-owner --no-acls --no-xattrs --no-selinux)
tar -C "$ROOT" -cf "$WORK/layer.tar" "${TAR_FLAGS[@]}" --owner=0 --group=0 \
  --exclude=./home/nonroot ./etc ./home ./lib64 ./opt ./tmp ./usr
tar -C "$ROOT" -rf "$WORK/layer.tar" "${TAR_FLAGS[@]}" --owner=65532 --group=65532 ./home/nonroot
DIFF_ID="sha256:$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)"
gzip -n -6 "$WORK/layer.tar"

IMAGE="$WORK/image"
mkdir -p "$IMAGE"
mv "$WORK/layer.tar.gz" "$IMAGE/layer.tar.gz"
JAVA_VERSION="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JDK/release")"
cat >"$IMAGE/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
  "Env":["PATH=$JAVA_HOME_IN_IMAGE/bin","JAVA_HOME=$JAVA_HOME_IN_IMAGE","JAVA_VERSION=$JAVA_VERSION","LANG=C.UTF-8"],
  "Labels":{"com.stack.base.packages":"$PACKAGE_VERSIONS","com.stack.base.java.modules":"$MODULES"}},
 "rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"infra/images/base.sh"}]}
EOF
cat >"$IMAGE/manifest.json" <<'EOF'
[{"Config":"config.json","RepoTags":["stack/java-base:17"],"Layers":["layer.tar.gz"]}]
EOF
tar -C "$IMAGE" -cf "$WORK/base.tar" "${TAR_FLAGS[@]}" --owner=0 --group=0 manifest.json config.json layer.tar.gz
mv -f "$WORK/base.tar" "$TARBALL"
echo "$FINGERPRINT" >"$OUT/fingerprint"
log "base image written: $TARBALL ($(du -h "$TARBALL" | cut -f1), layer $DIFF_ID)"
echo "$TARBALL"
