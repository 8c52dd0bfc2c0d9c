/**
 * The engine benchmark: how long a triggered Dag run takes to start its first task, and how much
 * time the engine itself spends per task on large no-op Dags, on a real Temporal server and
 * PostgreSQL with the worker's real activities in this process. Numbers go to {@code
 * bench/RESULTS.md} through {@code ./bench/engine.sh}; nothing here is a test, and nothing asserts
 * a timing.
 */
package dev.atelier.bench.engine;
