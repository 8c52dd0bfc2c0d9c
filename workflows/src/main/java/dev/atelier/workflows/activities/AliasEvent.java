package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * One asset event a task function added through an alias outlet while it ran: the alias's name, the
 * asset's URI and the event's extra. Recorded only if the instance succeeds.
 */
public record AliasEvent(String alias, String uri, Map<String, Object> extra) {}
