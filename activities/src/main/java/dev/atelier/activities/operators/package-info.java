/**
 * The Dag's built-in operators that run as one activity each ({@code PrepareDataset}, {@code
 * PickBest}). Arguments arrive untyped from the interpreter, so each operator checks them and turns
 * bad ones into non-retryable failures that name the argument and the rule.
 */
package dev.atelier.activities.operators;
