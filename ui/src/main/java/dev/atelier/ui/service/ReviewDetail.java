package dev.atelier.ui.service;

import dev.atelier.ui.repository.ReviewCommentRow;
import dev.atelier.ui.repository.ReviewRow;
import dev.atelier.ui.repository.ReviewVoteRow;
import java.util.List;

/**
 * A review as its page shows it: the review, its cards (the champion first when there is one, then
 * the candidates best first), the grid steps every card has ({@code common_steps}; the page shows
 * all cards at one of them, {@code step} by default: the latest), the votes and the comments; for a
 * retrain, {@code evaluation}: the champion measured on the challenger's data beside the
 * challenger's values, and their sheet (null for a review without it).
 */
public record ReviewDetail(
    ReviewRow review,
    List<ReviewCandidate> cards,
    List<Long> commonSteps,
    Long step,
    List<ReviewVoteRow> votes,
    List<ReviewCommentRow> comments,
    java.util.Map<String, Object> evaluation) {}
