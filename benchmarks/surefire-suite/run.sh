#!/usr/bin/env bash
# Times Surefire on 1,000 Java @CoroutineTest methods and on the same 1,000 tests in Kotlin with runTest.
# Each test awaits three delays (100 ms of virtual time) and launches one coroutine.
# Usage: benchmarks/surefire-suite/run.sh [rounds, default 5]   (installs Herder first)
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-5}
(cd ../.. && mvn -B -q install -DskipTests -pl junit-integration -am)

gen=target/generated-tests
rm -rf "$gen" && mkdir -p "$gen/java/suite" "$gen/kotlin/suite"
for c in $(seq 1 10); do
  {
    echo "package suite;"
    echo "import dev.herder.CoroutineTestScope; import dev.herder.junit.CoroutineTest; import kotlinx.coroutines.DelayKt;"
    echo "class HerderSuite${c}Test {"
    for m in $(seq 1 100); do
      echo "  @CoroutineTest void t$m(CoroutineTestScope scope) {"
      echo "    scope.launch(c -> DelayKt.delay(50, c));"
      echo "    for (int i = 0; i < 3; i++) { long d = 10L * (i + 1); scope.await(c -> DelayKt.delay(d, c)); }"
      echo "    if (scope.currentTime() != 60) throw new AssertionError(scope.currentTime());"
      echo "  }"
    done
    echo "}"
  } > "$gen/java/suite/HerderSuite${c}Test.java"
  {
    echo "package suite"
    echo "import kotlinx.coroutines.delay; import kotlinx.coroutines.launch; import kotlinx.coroutines.test.runTest; import kotlinx.coroutines.test.currentTime"
    echo "import org.junit.jupiter.api.Test"
    echo "class NativeSuite${c}Test {"
    for m in $(seq 1 100); do
      echo "  @Test fun t$m() = runTest {"
      echo "    launch { delay(50) }"
      echo "    for (i in 0 until 3) delay(10L * (i + 1))"
      echo "    check(currentTime == 60L)"
      echo "  }"
    done
    echo "}"
  } > "$gen/kotlin/suite/NativeSuite${c}Test.kt"
done
mvn -B -q test-compile

for r in $(seq 1 "$rounds"); do            # alternate the sides: this VM's speed drifts
  for side in Native Herder; do
    start=$(date +%s%N)
    mvn -B -q -o surefire:test -Dtest="suite.${side}Suite*Test" > "target/$side-$r.log" 2>&1
    end=$(date +%s%N)
    tests=$(grep -ho 'tests="[0-9]*"' target/surefire-reports/TEST-suite.${side}Suite*.xml | tr -dc '0-9\n' | paste -sd+ | bc)
    echo "$side round $r: $(( (end - start) / 1000000 )) ms wall for $tests tests"
  done
done
