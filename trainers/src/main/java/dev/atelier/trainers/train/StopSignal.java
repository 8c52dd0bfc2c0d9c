package dev.atelier.trainers.train;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the loop to stop after the current step and checkpoint: on a signal ({@link #request()}, the
 * loop returns INTERRUPTED, to be resumed) or because the trial's sweep pruned it ({@link #prune},
 * the loop returns PRUNED: a decision, not a failure). A flag rather than thread interruption,
 * because interrupting a thread inside native PyTorch code is unsafe.
 */
public final class StopSignal {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicReference<String> pruned = new AtomicReference<>();
  private final AtomicReference<Instant> deadline = new AtomicReference<>();

  public void request() {
    requested.set(true);
  }

  /**
   * A signal with a grace period: the process is halted at {@code deadline}, so whatever the
   * trainer still does after the loop (its uploads) must fit before it. The first deadline stands.
   */
  public void request(Instant deadline) {
    this.deadline.compareAndSet(null, deadline);
    requested.set(true);
  }

  /** When the process will be halted, if a signal with a grace period asked it to stop. */
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline.get());
  }

  /**
   * The sweep stopped this trial; {@code reason} is its request's text. The first reason stands.
   */
  public void prune(String reason) {
    pruned.compareAndSet(null, reason);
    requested.set(true);
  }

  public boolean requested() {
    return requested.get();
  }

  /** Why the sweep pruned the trial, when it did (a pruned trial is not merely interrupted). */
  public Optional<String> pruneReason() {
    return Optional.ofNullable(pruned.get());
  }
}
