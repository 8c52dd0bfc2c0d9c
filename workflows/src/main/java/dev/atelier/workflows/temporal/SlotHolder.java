package dev.atelier.workflows.temporal;

import io.temporal.workflow.SignalMethod;

/**
 * A workflow that takes pool slots: the pool workflow signals it when a request is granted (and
 * pings it, with a request id it does not know, to find holders that have ended).
 */
public interface SlotHolder {
  String GRANTED = "poolSlotGranted";

  @SignalMethod(name = GRANTED)
  void poolSlotGranted(String requestId);
}
