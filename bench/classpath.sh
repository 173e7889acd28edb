# Sourced by the bench scripts: compiles main and test classes (offline when possible) and sets CP.
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null 2>&1 \
  || mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
CP="target/classes:target/test-classes:$(cat target/cp.txt)"
