package dev.atelier.workflows.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.workflows.schedule.Asset;
import dev.atelier.workflows.schedule.AssetAlias;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Airflow 3's {@code outlets=[Asset(...), AssetAlias(...)]} on a task. */
class AssetAliasOutletsTest {
  private static final AssetAlias EXPORTS = AssetAlias.of("emoji_exports");

  @Test
  void outletsMayMixAssetsAndAliases_andTheSpecCarriesTheAliasNames() {
    DagBuilder b = Dag.builder("producer");
    b.add(new FunctionTask("export", ctx -> null))
        .outlets(Asset.of("s3://studio/labels"), EXPORTS, new AssetAlias("shards", "exports"));
    Dag dag = b.build();

    Task task = dag.tasks().get(0);
    assertEquals(List.of("s3://studio/labels"), task.outlets());
    assertEquals(List.of(EXPORTS, new AssetAlias("shards", "exports")), task.outletAliases());
    TaskSpec spec = dag.toSpec().tasks().get(0);
    assertEquals(List.of("s3://studio/labels"), spec.outletUris());
    assertEquals(List.of("emoji_exports", "shards"), spec.outletAliasNames());
  }

  @Test
  void aTaskWithoutAliases_hasNoneInItsSpec() {
    DagBuilder b = Dag.builder("plain");
    b.add(new FunctionTask("t", ctx -> null)).outlets(Asset.of("s3://a"));
    assertNull(b.build().toSpec().tasks().get(0).outletAliases());
  }

  @Test
  void anAliasTwice_orANullOutlet_isRefused() {
    DagBuilder b = Dag.builder("broken");
    b.add(new FunctionTask("twice", ctx -> null)).outlets(EXPORTS, AssetAlias.of("emoji_exports"));
    assertEquals(
        List.of("Task 'twice': outlets name an AssetAlias twice: [emoji_exports, emoji_exports]"),
        assertThrows(DagValidationException.class, b::build).violations());

    Task t = new EmptyOperator("t");
    assertEquals(
        "Task 't': outlets[1] is null; give an Asset or AssetAlias",
        assertThrows(IllegalArgumentException.class, () -> t.outlets(EXPORTS, null)).getMessage());
  }
}
