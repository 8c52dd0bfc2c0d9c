package dev.atelier.trainers.train;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the loop to stop after the current step, checkpoint and return INTERRUPTED. A flag rather
 * than thread interruption, because interrupting a thread inside native PyTorch code is unsafe.
 */
public final class StopSignal {
  private final AtomicBoolean requested = new AtomicBoolean();

  public void request() {
    requested.set(true);
  }

  public boolean requested() {
    return requested.get();
  }
}
