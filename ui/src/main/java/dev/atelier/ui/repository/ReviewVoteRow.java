package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/** A member's vote on one candidate of a review: {@code value} +1 (for) or -1 (against). */
public record ReviewVoteRow(
    long reviewId, String candidate, String voter, int value, OffsetDateTime at) {}
