package dev.atelier.workflows.activities;

/**
 * A task instance asking a pool for slots: the pool, a request id unique to this try, the workflow
 * to signal when the slots are granted, how many slots, the task's priority weight (higher is
 * granted first), and who is asking (shown in the pool's status).
 */
public record SlotRequest(
    String pool,
    String requestId,
    String holderWorkflowId,
    int slots,
    int priorityWeight,
    String taskInstance) {}
