package dev.atelier.trainers.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The memorisation check: for each probe sample, its k nearest training images by cosine similarity
 * in a feature space. A generator that copies its data shows samples whose nearest neighbour is
 * almost identical (similarity near 1, distance near 0); the picture lets a person judge what the
 * number cannot, e.g. whether a close match is a copy or merely the same emoji style.
 */
public final class Novelty {
  public static final int DEFAULT_NEIGHBOURS = 3;
  static final int ROWS_PER_BAND = 16;

  /** One training image near a sample; {@code file} is null when names are unknown. */
  public record Neighbour(int index, String file, double similarity) {}

  /** Per sample, its neighbours, most similar first; and the mean of 1 - best similarity. */
  public record Result(List<List<Neighbour>> samples, double meanNearestDistance) {}

  private final NearestNeighbours index;
  private final RealImages real;
  private final int k;

  public Novelty(NearestNeighbours index, RealImages real, int k) {
    if (index.size() != real.count()) {
      throw new IllegalArgumentException(
          "novelty: " + index.size() + " indexed features for " + real.count() + " images");
    }
    this.index = index;
    this.real = real;
    this.k = k;
  }

  public Result check(FeatureMatrix probes) {
    NearestNeighbours.Match[] matches = index.search(probes, k);
    List<List<Neighbour>> rows = new ArrayList<>(matches.length);
    double distance = 0;
    for (NearestNeighbours.Match m : matches) {
      List<Neighbour> row = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        row.add(new Neighbour(m.indices()[j], real.name(m.indices()[j]), m.similarities()[j]));
      }
      rows.add(List.copyOf(row));
      distance += 1 - m.similarities()[0];
    }
    return new Result(List.copyOf(rows), distance / matches.length);
  }

  /** The report as JSON: which training images each sample is closest to. */
  public static byte[] json(int step, String space, Result result) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("step", step);
    root.put("feature_space", space);
    root.put("similarity", "cosine");
    root.put("mean_nn_cosine_distance", result.meanNearestDistance());
    ArrayNode samples = root.putArray("samples");
    for (int i = 0; i < result.samples().size(); i++) {
      ObjectNode s = samples.addObject();
      s.put("sample", i);
      ArrayNode ns = s.putArray("neighbours");
      for (Neighbour n : result.samples().get(i)) {
        ObjectNode o = ns.addObject();
        o.put("index", n.index());
        if (n.file() != null) {
          o.put("file", n.file());
        }
        o.put("similarity", n.similarity());
      }
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The picture: one row per sample, the sample on the left, a gap, then its neighbours from
   * nearest to farthest; rows run down in bands of {@value #ROWS_PER_BAND} placed side by side, so
   * 64 samples make a picture about as wide as it is tall.
   */
  public byte[] png(float[] probeImages, Result result) {
    int size = real.size();
    int scale = Tiles.scaleFor(size, 48);
    int tile = size * scale;
    int pad = Math.max(2, tile / 16);
    int gap = tile / 2;
    int rows = result.samples().size();
    int perBand = Math.min(rows, ROWS_PER_BAND);
    int bands = (rows + perBand - 1) / perBand;
    int bandWidth = tile + gap + k * (tile + pad);
    BufferedImage img =
        Tiles.canvas(pad + bands * bandWidth + (bands - 1) * gap, pad + perBand * (tile + pad));
    for (int i = 0; i < rows; i++) {
      int x0 = pad + (i / perBand) * (bandWidth + gap);
      int y = pad + (i % perBand) * (tile + pad);
      Tiles.draw(img, probeImages, i, size, x0, y, scale);
      List<Neighbour> ns = result.samples().get(i);
      for (int j = 0; j < ns.size(); j++) {
        Tiles.draw(
            img,
            real.pixels(),
            ns.get(j).index(),
            size,
            x0 + tile + gap + j * (tile + pad),
            y,
            scale);
      }
    }
    return Tiles.png(img);
  }
}
