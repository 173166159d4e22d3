#!/usr/bin/env bash
# Builds UnlearnLab's Linux app-image and .deb with jpackage, from the jar and lib/ of a Maven package:
#
#   mvn -B -DskipTests package && installer/build.sh
#
# Output: target/installer/unlearnlab (the app-image; run bin/unlearnlab) and
# target/installer/unlearnlab_<version>_amd64.deb (installs to /opt/unlearnlab, adds a menu entry).
# The bundled MNIST, sample configs and pretrained model travel inside unlearnlab.jar, so both work offline.
# Needs a JDK 17+ with jpackage; the .deb also needs dpkg-deb and fakeroot.
#
# Options: --build-dir DIR  Maven build folder holding unlearnlab.jar and lib/ (default: target; see
#                           -Dunlearnlab.buildDir in pom.xml)
#          --out DIR        where to put the results (default: <build-dir>/installer)
#          --type T         app-image, deb or all (default: all)
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir=target
out=
type=all
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --type) type=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
out=${out:-$build_dir/installer}
case "$type" in app-image|deb|all) ;; *) echo "build.sh: --type must be app-image, deb or all" >&2; exit 2 ;; esac

fail() { echo "build.sh: $*" >&2; exit 1; }
jpackage=$(command -v jpackage || true)
if [ -z "$jpackage" ] && [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
  jpackage=$JAVA_HOME/bin/jpackage
fi
[ -n "$jpackage" ] || fail "jpackage not found (it comes with JDK 17+; set JAVA_HOME or PATH)"
[ -f "$build_dir/unlearnlab.jar" ] && [ -d "$build_dir/lib" ] \
  || fail "$build_dir/unlearnlab.jar or $build_dir/lib missing: run 'mvn -B -DskipTests package' first"
if [ "$type" != app-image ]; then
  for tool in dpkg-deb fakeroot; do
    command -v "$tool" >/dev/null || fail "$tool not found (apt-get install dpkg-dev fakeroot)"
  done
fi

# jpackage wants a plain version number: 0.1.0-SNAPSHOT -> 0.1.0.
version=$(sed -n 's:^  <version>\([0-9][0-9.]*\).*</version>:\1:p' pom.xml | head -1)
[ -n "$version" ] || fail "cannot read the version from pom.xml"

# Only the jar and its libraries go in (classes/, test output etc. stay out).
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/input"
cp "$build_dir/unlearnlab.jar" "$stage/input/"
cp -r "$build_dir/lib" "$stage/input/lib"
# The licence and the third-party notices sit next to the jar (lib/app/ of the image, /opt/unlearnlab/lib/app/).
cp LICENSE THIRD-PARTY-NOTICES "$stage/input/"
rm -rf "$out"
mkdir -p "$out"

common=(
  --name unlearnlab
  --app-version "$version"
  --vendor UnlearnLab
  --description "Adversarial examples and machine unlearning on MNIST, to see with your own eyes"
  --copyright "UnlearnLab contributors"
  --icon assets/icon/unlearnlab.png
  --input "$stage/input"
  --main-jar unlearnlab.jar
  --main-class org.unlearnlab.Launcher
  # ND4J's off-heap limit follows the heap's; the JVM's default (a quarter of the RAM) is tight for
  # full-MNIST work on an 8 GB machine.
  --java-options "-XX:MaxRAMPercentage=50"
  --dest "$out"
)

if [ "$type" = app-image ] || [ "$type" = all ]; then
  "$jpackage" --type app-image "${common[@]}"
  echo "app-image: $out/unlearnlab ($(du -sh "$out/unlearnlab" | cut -f1)); start it with $out/unlearnlab/bin/unlearnlab"
fi
if [ "$type" = deb ] || [ "$type" = all ]; then
  "$jpackage" --type deb "${common[@]}" \
    --resource-dir installer/resources \
    --license-file LICENSE \
    --linux-package-name unlearnlab \
    --linux-package-deps libgtk-3-0 \
    --linux-app-category science \
    --linux-menu-group "Education;Science;" \
    --linux-shortcut
  deb=$(ls "$out"/unlearnlab_*.deb)
  case "$deb" in /*) ;; *) deb=./$deb ;; esac
  echo "deb: $deb ($(du -h "$deb" | cut -f1)); install it with: sudo apt install $deb"
fi
