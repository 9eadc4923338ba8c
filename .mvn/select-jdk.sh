# Sourced by mvnw and deploy/local/run.sh: makes JAVA_HOME a JDK 25 or newer before anything starts
# a JVM with .mvn/jvm.config (whose options older JVMs refuse). Keeps a JAVA_HOME that already
# qualifies; otherwise takes the `java` on the PATH if it qualifies, else the first JDK 25+ in the
# usual places; else says in one line what is missing and stops.
roster_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
roster_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  roster_major=$(roster_java_major "$1/bin/java")
  [ -n "$roster_major" ] && [ "$roster_major" -ge 25 ]
}
if [ -z "${JAVA_HOME-}" ] || ! roster_jdk_ok "$JAVA_HOME"; then
  roster_found=
  roster_path_java=$(command -v java 2>/dev/null || true)
  if [ -n "$roster_path_java" ]; then
    roster_path_home=$(dirname "$(dirname "$(readlink -f "$roster_path_java")")")
    roster_jdk_ok "$roster_path_home" && roster_found=$roster_path_home
  fi
  if [ -z "$roster_found" ]; then
    case $- in *f*) roster_noglob=1; set +f ;; *) roster_noglob= ;; esac
    for roster_candidate in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-openjdk-* /usr/lib/jvm/jdk-25* \
        /usr/lib/jvm/*-2[5-9]* /usr/lib/jvm/*-[3-9][0-9]* /opt/java/openjdk "$HOME"/.sdkman/candidates/java/25* \
        /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
      if roster_jdk_ok "$roster_candidate"; then roster_found=$roster_candidate; break; fi
    done
    [ -z "$roster_noglob" ] || set -f
  fi
  if [ -z "$roster_found" ]; then
    roster_current=${JAVA_HOME:-${roster_path_java:-none}}
    [ -n "${roster_major-}" ] && roster_current="$roster_current (Java $roster_major)"
    echo "Roster needs JDK 25: set JAVA_HOME to it (found: $roster_current)" >&2
    exit 1
  fi
  JAVA_HOME=$roster_found
  export JAVA_HOME
fi
