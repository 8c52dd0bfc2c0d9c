/**
 * Airflow pools on Temporal: the worker's side of asking a pool's long-lived workflow for slots,
 * with pool sizes configured by {@code ATELIER_POOLS} (e.g. {@code gpu=2,default_pool=128}).
 */
package dev.atelier.activities.pools;
