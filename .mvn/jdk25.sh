# Sourced by ./mvnw and ./conduit: make JAVA_HOME point at a JDK 25 or newer.
# Order: JAVA_HOME if it is 25+, then `java` on the PATH, then JDKs under /usr/lib/jvm and
# /opt. Stops with a clear message when none is found.
conduit_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
conduit_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  conduit_v=$(conduit_java_major "$1")
  [ -n "$conduit_v" ] && [ "$conduit_v" -ge 25 ]
}
conduit_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && conduit_jdk_ok "$JAVA_HOME"; then return 0; fi
  if command -v java >/dev/null 2>&1; then
    conduit_candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if conduit_jdk_ok "$conduit_candidate"; then JAVA_HOME=$conduit_candidate; export JAVA_HOME; return 0; fi
  fi
  # the wrapper runs with globbing off (set -f); the search needs it
  case $- in *f*) set +f; conduit_noglob=1 ;; *) conduit_noglob= ;; esac
  for conduit_candidate in /usr/lib/jvm/* /opt/*jdk* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    if [ -d "$conduit_candidate" ] && conduit_jdk_ok "$conduit_candidate"; then
      JAVA_HOME=$conduit_candidate; export JAVA_HOME
      [ -z "$conduit_noglob" ] || set -f
      return 0
    fi
  done
  [ -z "$conduit_noglob" ] || set -f
  echo "Conduit needs a JDK 25 or newer, and none was found (looked at JAVA_HOME, java on the PATH," >&2
  echo "/usr/lib/jvm and /opt). Install one, e.g. Temurin 25, and set JAVA_HOME to it." >&2
  return 1
}
conduit_find_jdk || exit 1
PATH="$JAVA_HOME/bin:$PATH"; export PATH
