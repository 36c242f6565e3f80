#!/bin/sh
# Picks the JDK that ./mvnw runs Maven with. Prints the home of an installed JDK 21 or newer when the current one
# (JAVA_HOME, else the javac on PATH) is older or missing; prints nothing to keep the current one. Messages go to
# stderr. ./mvnw runs this before anything else unless MVNW_SKIP_JDK_SELECTION is set.
#
# SPAWN_JDK_CANDIDATES (space-separated homes) replaces the directories searched; the tests use it.
set -eu

minimum=21

# The feature version (e.g. 25) of the JDK at $1, or nothing when $1 is not a JDK.
major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  version=""
  if [ -f "$1/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  fi
  if [ -z "$version" ]; then
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  fi
  case $version in 1.*) version=${version#1.} ;; esac
  version=${version%%[!0-9]*}
  [ -n "$version" ] && echo "$version"
  return 0
}

current=""
if [ -n "${JAVA_HOME-}" ]; then
  current=$JAVA_HOME
elif command -v javac >/dev/null 2>&1; then
  javac_path=$(command -v javac)
  javac_path=$(readlink -f "$javac_path" 2>/dev/null || echo "$javac_path")
  current=$(dirname "$(dirname "$javac_path")")
fi
current_major=""
if [ -n "$current" ]; then
  current_major=$(major "$current")
  if [ -n "$current_major" ] && [ "$current_major" -ge "$minimum" ]; then
    exit 0
  fi
fi

if [ -n "${SPAWN_JDK_CANDIDATES-}" ]; then
  # shellcheck disable=SC2086
  set -- $SPAWN_JDK_CANDIDATES
else
  set -- /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
    /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*
fi
best="" best_major=0
for candidate in "$@"; do
  [ -d "$candidate" ] || continue
  candidate_major=$(major "$candidate")
  if [ -n "$candidate_major" ] && [ "$candidate_major" -ge "$minimum" ] && [ "$candidate_major" -gt "$best_major" ]; then
    best=$candidate best_major=$candidate_major
  fi
done

was="the default java"
[ -n "$current" ] && was="$current${current_major:+ (JDK $current_major)}"
if [ -z "$best" ]; then
  echo "mvnw: this build needs a JDK $minimum or newer; $was is older or not a JDK, and none was found under" \
    "/usr/lib/jvm, /opt/java, /opt/jdk*, /Library/Java/JavaVirtualMachines, ~/.sdkman or ~/.jdks." >&2
  echo "mvnw: install one (for example Temurin 25) and set JAVA_HOME to it." >&2
  exit 0
fi
echo "mvnw: $was is older than JDK $minimum; using JDK $best_major at $best (set JAVA_HOME to choose another)" >&2
echo "$best"
