/**
 * Benchmark mains run by {@code bench/sweep_overhead.sh} from the test classpath. Their names end
 * in {@code Bench}, not {@code Test}, so surefire never runs them: they time things, and tests
 * never assert timings.
 */
package dev.atelier.workflows.bench;
