package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One state change in {@code audit_log}.
 *
 * @param action what was done, a lower-case verb: {@code trigger}, {@code pause}, {@code promote}…
 * @param target what it was done to, as a path: {@code dag/emoji_gan/run/manual__…}, {@code
 *     model/emoji_dcgan}, {@code user/alice}
 * @param source {@code page} (a review page's fetch, which sends {@code X-Atelier-Page}), {@code
 *     api} or {@code system}
 * @param detail what a reader needs to understand the change (the request's fields, the outcome)
 */
public record AuditRow(
    long id,
    OffsetDateTime at,
    String actor,
    String action,
    String target,
    String source,
    Map<String, Object> detail) {}
