package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.ReviewAnswer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers to reviews that reached this run by signal, by review id. A review task waits on its own
 * id's entry (a durable {@code Workflow.await}, no activity), so an answer that arrives before the
 * task waits, or one for a review of an earlier try, is kept or ignored without harm.
 */
final class ReviewInbox {
  private final Map<Long, ReviewAnswer> answers = new HashMap<>();

  void deliver(ReviewAnswer answer) {
    answers.putIfAbsent(answer.reviewId(), answer);
  }

  boolean has(long reviewId) {
    return answers.containsKey(reviewId);
  }

  Optional<ReviewAnswer> get(long reviewId) {
    return Optional.ofNullable(answers.get(reviewId));
  }
}
