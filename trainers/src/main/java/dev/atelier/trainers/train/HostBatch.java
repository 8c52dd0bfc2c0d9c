package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A float batch filled on the host and copied to the engine through one reused direct buffer:
 * {@code NDManager.create(float[])} allocates a direct buffer per call that only the GC frees.
 */
public final class HostBatch {
  public final float[] host;
  private final Shape shape;
  private final ByteBuffer buffer;

  public HostBatch(Shape shape) {
    this.shape = shape;
    this.host = new float[Math.toIntExact(shape.size())];
    this.buffer = ByteBuffer.allocateDirect(host.length * 4).order(ByteOrder.nativeOrder());
  }

  public NDArray upload(NDManager manager) {
    buffer.clear();
    buffer.asFloatBuffer().put(host);
    buffer.rewind();
    return manager.create(buffer, shape, DataType.FLOAT32);
  }
}
