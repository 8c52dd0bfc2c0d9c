package dev.atelier.trainers.quality;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.train.TrainingDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A feature extractor loaded from a TorchScript file with DJL's PyTorch engine. The network's first
 * output is flattened per image, so a pool3 output of (N, 2048, 1, 1) gives 2048 features.
 *
 * <p>Conventions, in order of precedence: the {@link ExtractorOptions}; the model file's own
 * metadata, a JSON extra file named {@value #METADATA} ({@code {"name": "inception", "input_size":
 * 299, "input_range": "zero_one"}}, written with {@code torch.jit.save(m, f, _extra_files=...)});
 * then the file's base name, the images' own size, and {@link InputRange#ZERO_ONE}.
 *
 * <p>Each call works inside its own sub-manager and each batch inside a nested one, both closed
 * before returning, and copies inputs through one reused direct buffer: native memory stays flat
 * however many steps are evaluated. Not thread-safe (calls are serialised).
 */
public final class TorchScriptExtractor implements FeatureExtractor {
  public static final String METADATA = "atelier.json";

  private final Model model;
  private final String name;
  private final OptionalInt inputSize;
  private final InputRange range;
  private final int batchSize;
  private ByteBuffer buffer;

  private TorchScriptExtractor(
      Model model, String name, OptionalInt inputSize, InputRange range, int batchSize) {
    this.model = model;
    this.name = name;
    this.inputSize = inputSize;
    this.range = range;
    this.batchSize = batchSize;
  }

  /**
   * Loads the model; a bad option or bad metadata is an {@link IllegalArgumentException} naming the
   * field, the value and the rule.
   */
  public static TorchScriptExtractor load(ExtractorOptions options) throws IOException {
    var violations = options.violations("extractor");
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", violations));
    }
    Model model = Model.newInstance("feature-extractor", TrainingDevice.get(), "PyTorch");
    try {
      model.load(options.path(), null, Map.of("extraFiles", METADATA));
      JsonNode meta = metadata(options, model.getProperty(METADATA));
      String name =
          options
              .name()
              .or(() -> text(meta, "name"))
              .orElseGet(() -> ExtractorOptions.nameFromFile(options.path()));
      OptionalInt size = options.inputSize();
      if (size.isEmpty() && meta.hasNonNull("input_size")) {
        size = OptionalInt.of(meta.get("input_size").asInt());
      }
      InputRange range =
          options
              .inputRange()
              .or(() -> text(meta, "input_range").flatMap(InputRange::parse))
              .orElse(InputRange.ZERO_ONE);
      ExtractorOptions resolved =
          new ExtractorOptions(
              options.path(), Optional.of(name), size, Optional.of(range), options.batchSize());
      var bad = resolved.violations(options.path() + " " + METADATA);
      if (!bad.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", bad));
      }
      return new TorchScriptExtractor(model, name, size, range, options.batchSize());
    } catch (IllegalArgumentException e) {
      model.close();
      throw e;
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw new IOException(
          "quality.extractor.path: '"
              + options.path()
              + "' is not a loadable TorchScript file: "
              + e,
          e);
    }
  }

  /**
   * The {@code name} a TorchScript file declares in its {@value #METADATA}, read from the archive
   * without loading the network (so the spec parser knows the metric names): empty when the file
   * has no such entry, is not a zip archive, or the entry has no textual name.
   */
  public static Optional<String> declaredName(java.nio.file.Path file) {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      var entry = zip.stream().filter(e -> e.getName().endsWith("/extra/" + METADATA)).findFirst();
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      try (var in = zip.getInputStream(entry.get())) {
        JsonNode meta = new ObjectMapper().readTree(in);
        JsonNode name = meta == null ? null : meta.get("name");
        return name != null && name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static JsonNode metadata(ExtractorOptions options, String json) {
    ObjectMapper mapper = new ObjectMapper();
    if (json == null || json.isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(json);
      if (!node.isObject()) {
        throw new IllegalArgumentException(
            options.path() + " " + METADATA + ": " + json + " is not a JSON object");
      }
      JsonNode r = node.get("input_range");
      if (r != null && InputRange.parse(r.asText()).isEmpty()) {
        throw new IllegalArgumentException(
            options.path()
                + " "
                + METADATA
                + ".input_range: "
                + r
                + " is not one of "
                + InputRange.choices());
      }
      JsonNode s = node.get("input_size");
      if (s != null && !s.isIntegralNumber()) {
        throw new IllegalArgumentException(
            options.path() + " " + METADATA + ".input_size: " + s + " is not an integer");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          options.path() + " " + METADATA + ": not JSON (" + e.getMessage() + ")", e);
    }
  }

  private static Optional<String> text(JsonNode meta, String field) {
    JsonNode n = meta.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  @Override
  public String name() {
    return name;
  }

  /** The side images are resized to, or empty when they are fed at their own size. */
  public OptionalInt inputSize() {
    return inputSize;
  }

  public InputRange inputRange() {
    return range;
  }

  @Override
  public synchronized float[][] features(float[] nchw, int count, int size) {
    int len = 3 * size * size;
    if (count < 0 || nchw.length < (long) count * len) {
      throw new IllegalArgumentException(
          "images: "
              + nchw.length
              + " floats cannot hold "
              + count
              + " images of 3x"
              + size
              + "x"
              + size);
    }
    float[][] out = new float[count][];
    try (NDManager call = model.getNDManager().newSubManager()) {
      for (int start = 0; start < count; start += batchSize) {
        int b = Math.min(batchSize, count - start);
        try (NDManager batch = call.newSubManager()) {
          NDArray x = upload(batch, nchw, start, b, size);
          if (inputSize.isPresent() && inputSize.getAsInt() != size) {
            int s = inputSize.getAsInt();
            // DJL mode 1: F.interpolate(mode="bilinear", align_corners=False, antialias=True).
            x = x.getNDArrayInternal().interpolation(new long[] {s, s}, 1, false);
          }
          NDList y =
              model.getBlock().forward(new ParameterStore(batch, false), new NDList(x), false);
          NDArray f = y.get(0).reshape(b, -1);
          int dim = (int) f.getShape().get(1);
          float[] flat = f.toFloatArray();
          for (int i = 0; i < b; i++) {
            out[start + i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
          }
        }
      }
    }
    return out;
  }

  /** Copies a batch into the reused direct buffer, converting [-1, 1] to the network's range. */
  private NDArray upload(NDManager m, float[] nchw, int first, int b, int size) {
    int plane = size * size;
    int floats = b * 3 * plane;
    if (buffer == null || buffer.capacity() < floats * 4) {
      buffer = ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder());
    }
    buffer.clear();
    FloatBuffer fb = buffer.asFloatBuffer();
    int base = first * 3 * plane;
    for (int i = 0; i < floats; i++) {
      fb.put(convert(nchw[base + i], (i / plane) % 3));
    }
    buffer.limit(floats * 4);
    return m.create(buffer, new Shape(b, 3, size, size), DataType.FLOAT32);
  }

  private float convert(float v, int channel) {
    return switch (range) {
      case MINUS_ONE_ONE -> v;
      case ZERO_ONE -> (v + 1f) / 2f;
      case IMAGENET ->
          ((v + 1f) / 2f - InputRange.IMAGENET_MEAN[channel]) / InputRange.IMAGENET_STD[channel];
    };
  }

  @Override
  public void close() {
    model.close();
  }
}
