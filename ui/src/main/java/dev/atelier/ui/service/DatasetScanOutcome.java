package dev.atelier.ui.service;

import dev.atelier.ui.repository.DatasetVersionRow;

/**
 * What one scan of a source did.
 *
 * @param result {@code recorded} (a new version, its event emitted), {@code unchanged} (the content
 *     is a version already recorded), or {@code failed} (nothing recorded, nothing emitted)
 * @param version the new version, or the latest one; null when there is none
 * @param error why the scan failed, naming the field, the value and the rule; else null
 */
public record DatasetScanOutcome(String result, DatasetVersionRow version, String error) {}
