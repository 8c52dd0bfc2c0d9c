/**
 * What the sweep overhead benchmark ({@code bench/sweep_overhead.sh}) simulates: the search and a
 * trial's metrics, shared by its mains ({@code temporal.DecisionCostBench} and {@code
 * temporal.SweepLatencyBench}, in that package for the sweep's package-private classes and the test
 * fakes; named *Bench so surefire never runs them: they time things, and tests never assert
 * timings).
 */
package dev.atelier.workflows.bench;
