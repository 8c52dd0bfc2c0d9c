package dev.atelier.ui.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.common.converter.DataConverterException;
import java.util.Optional;

/**
 * Whether Temporal's refusal to start a run's workflow is for good: the same start would be refused
 * again however often it is tried (an input over Temporal's payload size limit or the gRPC message
 * limit, an argument the server rejects, an input that cannot be serialized), so the run is failed
 * with the reason instead of being retried by every scheduler pass. Anything else (Temporal
 * unreachable or overloaded, a timeout) may pass on its own and is retried.
 */
final class StartRefusal {
  private StartRefusal() {}

  /**
   * @return the reason the start can never succeed, or empty when another try may
   */
  static Optional<String> permanent(RuntimeException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof DataConverterException) {
        return Optional.of("its input cannot be serialized: " + message(c));
      }
      if (c instanceof StatusRuntimeException s) {
        return permanent(s.getStatus());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> permanent(Status status) {
    String description = status.getDescription() == null ? "" : status.getDescription();
    return switch (status.getCode()) {
      case INVALID_ARGUMENT ->
          Optional.of(description.isBlank() ? "invalid argument" : description);
      // Also how gRPC refuses a message over its size limit; a quota or rate limit passes.
      case RESOURCE_EXHAUSTED ->
          description.contains("larger than max") || description.contains("exceeds")
              ? Optional.of(description)
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
