#!/bin/sh
# Tests .mvn/select-jdk.sh (the JDK selection of ./mvnw) against fake JDK homes in a temporary directory.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fake_jdk() { # $1 = directory name, $2 = JAVA_VERSION
  mkdir -p "$work/$1/bin"
  printf '#!/bin/sh\nexit 0\n' >"$work/$1/bin/java"
  cp "$work/$1/bin/java" "$work/$1/bin/javac"
  chmod +x "$work/$1/bin/java" "$work/$1/bin/javac"
  echo "JAVA_VERSION=\"$2\"" >"$work/$1/release"
}
fake_jdk jdk-17 17.0.15
fake_jdk jdk-21 21.0.8
fake_jdk jdk-25 25.0.3
fake_jdk jdk-8 1.8.0_452
mkdir -p "$work/not-a-jdk"

failures=0
check() { # $1 = description, $2 = expected stdout, then the environment assignments
  description=$1 expected=$2
  shift 2
  actual=$(env -u JAVA_HOME PATH=/usr/bin:/bin "$@" sh .mvn/select-jdk.sh 2>"$work/stderr") || actual="exit $?"
  if [ "$actual" = "$expected" ]; then
    echo "ok   $description"
  else
    echo "FAIL $description: expected '$expected', got '$actual' ($(cat "$work/stderr"))"
    failures=$((failures + 1))
  fi
}

all="$work/jdk-8 $work/jdk-17 $work/jdk-25 $work/jdk-21 $work/not-a-jdk"
check "an old JAVA_HOME is replaced by the newest JDK 21+" "$work/jdk-25" JAVA_HOME="$work/jdk-17" SPAWN_JDK_CANDIDATES="$all"
check "a JDK 8 JAVA_HOME is replaced too" "$work/jdk-25" JAVA_HOME="$work/jdk-8" SPAWN_JDK_CANDIDATES="$all"
check "a JAVA_HOME that is a JDK 21+ is kept" "" JAVA_HOME="$work/jdk-21" SPAWN_JDK_CANDIDATES="$all"
check "a JAVA_HOME that is not a JDK is replaced" "$work/jdk-25" JAVA_HOME="$work/not-a-jdk" SPAWN_JDK_CANDIDATES="$all"
check "without JAVA_HOME and without javac on PATH, the newest JDK 21+ is used" "$work/jdk-25" SPAWN_JDK_CANDIDATES="$all"
check "a javac 21+ on PATH is kept" "" PATH="$work/jdk-21/bin:/usr/bin:/bin" SPAWN_JDK_CANDIDATES="$all"
check "nothing suitable installed: nothing printed" "" JAVA_HOME="$work/jdk-17" SPAWN_JDK_CANDIDATES="$work/jdk-8 $work/jdk-17"
if ! grep -q "install one (for example Temurin 25) and set JAVA_HOME to it" "$work/stderr"; then
  echo "FAIL nothing suitable installed: no message saying what to do"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || { echo "$failures JDK selection test(s) failed" >&2; exit 1; }
