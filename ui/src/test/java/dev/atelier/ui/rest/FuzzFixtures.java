package dev.atelier.ui.rest;

import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * What a fuzz test ({@link OpenApiFuzzTest}, {@link OpenApiV2FuzzTest}, {@link AtelierApiFuzzTest})
 * needs and leaves: {@link FuzzTargetDag}'s fixture run {@code fuzz_fixture} with its task {@code
 * work}, and afterwards the removal of what the fuzzer made — the target's runs (once the running
 * ones finish: one empty task each) and backfills, datasets and their events, pools and users — and
 * the target unpaused. Pools are put back as they were.
 */
final class FuzzFixtures implements AutoCloseable {
  static final String DAG = FuzzTargetDag.DAG_ID;

  private final RunFixtures db;
  private final long lastDataset;
  private final String pools;
  private final String users;

  FuzzFixtures(DataSource dataSource) {
    db = new RunFixtures(dataSource);
    lastDataset = Long.parseLong(db.string("select coalesce(max(id), 0) from dataset"));
    pools = db.string("select coalesce(json_agg(p), '[]')::text from pool p");
    users = db.string("select coalesce(json_agg(username), '[]')::text from users");
    db.sql(
        "insert into dag_run (dag_id, run_id, state, conf, logical_date, workflow_id)"
            + " values (?, 'fuzz_fixture', 'success', '{}'::jsonb, now(), 'none')"
            + " on conflict do nothing",
        DAG);
    db.sql(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number)"
            + " values (?, 'fuzz_fixture', 'work', -1, 'success', 1) on conflict do nothing",
        DAG);
  }

  @Override
  public void close() throws InterruptedException {
    String going =
        "select count(*) from dag_run where dag_id = ? and state in ('queued', 'running')"
            + " and not awaiting_start";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!"0".equals(db.string(going, DAG)) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    db.sql("delete from dag_run where dag_id = ?", DAG);
    db.sql("delete from backfill where dag_id = ?", DAG);
    db.sql("update dag set is_paused = false where dag_id = ?", DAG);
    db.sql(
        "delete from dataset_event where dataset_id in (select id from dataset where id > ?)",
        lastDataset);
    db.sql("delete from dataset where id > ?", lastDataset);
    db.sql("delete from pool");
    db.sql("insert into pool select * from json_populate_recordset(null::pool, ?::json)", pools);
    db.sql(
        "delete from users where username not in (select json_array_elements_text(?::json))",
        users);
  }
}
