package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/** A comment on a review, about one candidate or (candidate null) the review as a whole. */
public record ReviewCommentRow(
    long id, long reviewId, String candidate, String author, String body, OffsetDateTime at) {}
