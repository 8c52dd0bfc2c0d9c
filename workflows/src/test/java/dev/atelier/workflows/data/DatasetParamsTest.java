package dev.atelier.workflows.data;

import static dev.atelier.workflows.dsl.ParamRef.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dags.EmojiDcganSweep;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.ParamType;
import dev.atelier.workflows.dsl.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which params are datasets comes from the Dag's tasks, not from their names.
 *
 * <pre>
 *   scan (PrepareDataset, path = params.images)
 *   scan_each (PrepareDataset, expand path over params.more)
 *   params.note: a string no dataset task reads
 * </pre>
 */
class DatasetParamsTest {
  @TempDir Path tmp;
  private Path root;
  private DataRoots roots;

  private final Dag dag = dag();

  private static Dag dag() {
    var dag =
        Dag.builder("datasets_by_structure")
            .params(
                Params.builder()
                    .param("images", Param.string(""))
                    .param("more", Param.array(Param.ofType(ParamType.STRING), List.of()))
                    .param("note", Param.string("/etc"))
                    .build());
    dag.add(
        new ActivityOperator("scan", OperatorActivities.PREPARE_DATASET)
            .arg("path", param("images")));
    dag.add(
        new ActivityOperator("scan_each", OperatorActivities.PREPARE_DATASET)
            .expand(Map.of("path", param("more"))));
    return dag.build();
  }

  @BeforeEach
  void layOut() throws IOException {
    root = Files.createDirectories(tmp.toRealPath().resolve("root"));
    Files.createDirectories(root.resolve("emoji"));
    roots = DataRoots.parse(root.toString());
  }

  @Test
  void of_paramsFeedingAPrepareDatasetPath_inTaskOrder() {
    assertEquals(Set.of("images", "more"), DatasetParams.of(dag));
    assertEquals(List.of("images", "more"), List.copyOf(DatasetParams.of(dag)));
  }

  @Test
  void of_theDemoSweep_itsDatasetPath() {
    assertEquals(Set.of("dataset_path"), DatasetParams.of(new EmojiDcganSweep("").define()));
  }

  @Test
  void violations_foldersUnderTheRoots_none() {
    String emoji = root.resolve("emoji").toString();
    assertEquals(
        List.of(),
        DatasetParams.violations(
            dag, Map.of("images", emoji, "more", List.of(emoji, emoji)), roots, "local"));
  }

  @Test
  void violations_eachBadFolderNamedByItsParamAndIndex_otherParamsUntouched() {
    String emoji = root.resolve("emoji").toString();
    String shown = "(ATELIER_DATA_ROOTS: " + root + ")";

    assertEquals(
        List.of(
            "params.images: '/srv/elsewhere' is not under a data root " + shown,
            "params.more[1]: 'pvc://datasets/x': claim 'datasets' is not a data root " + shown),
        DatasetParams.violations(
            dag,
            Map.of("images", "/srv/elsewhere", "more", List.of(emoji, "pvc://datasets/x", "", 7)),
            roots,
            "local"));
  }

  @Test
  void violations_defaultsAreCheckedToo_butAnEmptyOneIsTheParamsOwnRule() {
    assertEquals(List.of(), DatasetParams.violations(dag, Map.of(), roots, "local"));
  }

  @Test
  void violations_kubernetesLauncher_refusesAWorkerFolder() {
    String emoji = root.resolve("emoji").toString();

    assertEquals(
        List.of(
            "params.images: '"
                + emoji
                + "' is not on a PersistentVolumeClaim, which Kubernetes trials read datasets"
                + " from: give pvc://<claim>/<path> or a folder under a claim's worker mount"
                + " (ATELIER_DATA_ROOTS: "
                + root
                + ")"),
        DatasetParams.violations(dag, Map.of("images", emoji), roots, "kubernetes"));
  }

  @Test
  void violations_aBucketPrefix_readByLocalTrials_refusedForKubernetesNamingTheField() {
    assertEquals(
        List.of(),
        DatasetParams.violations(dag, Map.of("images", "s3://faces/new"), roots, "local"));
    assertEquals(
        List.of("params.images: 's3://Faces' must be s3://bucket/prefix"),
        DatasetParams.violations(dag, Map.of("images", "s3://Faces"), roots, "local"));
    List<String> k8s =
        DatasetParams.violations(dag, Map.of("images", "s3://faces/new"), roots, "kubernetes");
    assertEquals(1, k8s.size(), k8s.toString());
    assertTrue(k8s.get(0).startsWith("params.images: 's3://faces/new' is in a bucket"), k8s.get(0));
  }
}
