package dev.atelier.workflows.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.workflows.schedule.Asset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Airflow 3's {@code @asset}: one function, one asset, a Dag and a task named after it. */
class AssetDagTest {
  private static final Asset CURATED = Asset.of("emoji_curated", "s3://studio/emoji/curated");

  @Test
  void theDagAndItsTask_takeTheAssetsName_andTheTaskProducesIt() {
    Dag dag = AssetDag.define(CURATED, b -> b.tags("assets"), ctx -> 42);
    assertEquals("emoji_curated", dag.dagId());
    assertEquals(List.of("assets"), dag.tags());
    assertEquals(1, dag.tasks().size());
    Task task = dag.tasks().get(0);
    assertEquals("emoji_curated", task.taskId());
    assertEquals(List.of("s3://studio/emoji/curated"), task.outlets());
    assertEquals(List.of(CURATED), task.outletAssets());
    assertEquals("@task", task.operator());
  }

  @Test
  void outletsByUri_areAssetsNamedByTheirUri() {
    Task task = new EmptyOperator("t").outlets("s3://a");
    assertEquals(List.of(Asset.of("s3://a")), task.outletAssets());
    assertEquals(List.of("s3://b"), task.outlets(Asset.of("b", "s3://b")).outlets());
  }

  @Test
  void anAssetNamedByAUri_cannotNameADag() {
    assertEquals(
        "@asset: the asset's name 's3://x' becomes the Dag's and the task's id, so it must be 1 to"
            + " 250 letters, digits, '_', '.' or '-'; name the asset: Asset.of(\"my_asset\","
            + " \"s3://x\")",
        assertThrows(
                IllegalArgumentException.class,
                () -> AssetDag.define(Asset.of("s3://x"), ctx -> null))
            .getMessage());
  }
}
