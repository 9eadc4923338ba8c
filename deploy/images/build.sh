#!/usr/bin/env bash
# Builds Roster's five container images without a Docker daemon, as OCI archives in target/images/:
#   deploy/images/build.sh              builds Roster (without tests) first
#   ROSTER_SKIP_BUILD=true deploy/images/build.sh   uses the jars already in */target
# Needs buildah and mmdebstrap (Debian packages) and runs as root (buildah's vfs storage, chroot isolation: no
# daemon, no user namespaces). The base image comes from Debian packages and this machine's JDK 25 (jlink); see
# jre.Dockerfile. Each service image: deploy/images/Dockerfile. Load one elsewhere with
#   skopeo copy oci-archive:target/images/user-service.tar docker-daemon:roster/user-service:0.1.0
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/select-jdk.sh
for tool in buildah mmdebstrap; do
  command -v "$tool" >/dev/null 2>&1 || { echo "Building the images needs $tool: apt-get install buildah mmdebstrap" >&2; exit 1; }
done
if [ "${ROSTER_SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -B -q -DskipTests package
fi
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -n 1)
tag=${ROSTER_IMAGE_TAG:-${version%-SNAPSHOT}}
out=target/images
work=$out/work
rm -rf "$work" && mkdir -p "$work/jre-context" "$out"
export STORAGE_DRIVER=vfs
buildah() { command buildah --storage-driver vfs "$@"; }
# the containers and images of an earlier build go first: vfs keeps every layer as a whole copy
buildah containers --format '{{.ContainerID}} {{.ImageName}}' | awk '$2 ~ /(^|\/)roster\// {print $1}' \
  | while read -r container; do buildah rm "$container" >/dev/null 2>&1 || true; done
for image in $(buildah images --format '{{.Name}}:{{.Tag}}' | grep -E '(^|/)roster/' || true); do
  buildah rmi --force "$image" >/dev/null 2>&1 || true
done
buildah rmi --prune >/dev/null 2>&1 || true

# --- the base: Debian's C library and friends, unpacked without a shell; a jlinked Java 25; the user roster -------
base="$work/jre-context"
mmdebstrap --quiet --variant=extract --include=libc6,libgcc-s1,zlib1g,ca-certificates,tzdata \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' bookworm "$base/rootfs.tar"
"$JAVA_HOME/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.management.jfr,jdk.jfr,jdk.naming.dns,jdk.crypto.cryptoki,jdk.zipfs,jdk.net \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$base/jre"
printf 'root:x:0:0:root:/root:/sbin/nologin\nroster:x:10001:10001:roster:/app:/sbin/nologin\n' > "$base/passwd"
printf 'root:x:0:\nroster:x:10001:\n' > "$base/group"
mkdir -p "$base/tmp" && chmod 1777 "$base/tmp"
buildah bud --quiet --isolation chroot -f deploy/images/jre.Dockerfile -t "roster/jre:25" "$base" >/dev/null
echo "[roster-images] roster/jre:25"

# --- the services: Spring Boot's layers, one image layer each -----------------------------------------------------
for service in user-service training-service notification-service import-service gateway; do
  context="$work/$service"
  mkdir -p "$context"
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$service/target/$service-$version.jar" extract --layers \
    --destination "$context/layers" >/dev/null
  mv "$context/layers/application/$service-$version.jar" "$context/layers/application/service.jar"
  buildah bud --quiet --layers --isolation chroot -f deploy/images/Dockerfile --build-arg SERVICE="$service" \
    --label org.opencontainers.image.title="$service" --label org.opencontainers.image.version="$tag" \
    -t "roster/$service:$tag" "$context" >/dev/null
  rm -f "$out/$service.tar"
  buildah push --quiet "roster/$service:$tag" "oci-archive:$out/$service.tar:roster/$service:$tag" >/dev/null
  echo "[roster-images] roster/$service:$tag -> $out/$service.tar"
done
rm -rf "$work"
