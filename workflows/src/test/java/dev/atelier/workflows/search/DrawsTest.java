package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampler's stream gives SplittableRandom's numbers (so sweeps recorded before it replay with
 * the same proposals), and a stream rebuilt at a position goes on as the original would: what lets
 * a sweep continue as new and propose what it would have proposed.
 */
class DrawsTest {
  @Test
  void drawsAreSplittableRandomsNumbersBitForBit() {
    for (long seed : new long[] {0, 7, -3, 0x5DEECE66DL, Long.MAX_VALUE}) {
      SplittableRandom jdk = new SplittableRandom(seed);
      Draws ours = new Draws(seed);
      for (int i = 0; i < 20_000; i++) {
        // Bounds that are powers of two, that reject often (just over 2^30), and small ones.
        int bound =
            switch (i % 5) {
              case 0 -> 1 + i % 97;
              case 1 -> 64;
              case 2 -> (1 << 30) + 1 + i;
              default -> 3;
            };
        assertEquals(jdk.nextInt(bound), ours.nextInt(bound), "nextInt(" + bound + ") #" + i);
        assertEquals(jdk.nextDouble(), ours.nextDouble(), "nextDouble #" + i);
      }
    }
  }

  @Test
  void aStreamRebuiltAtItsPositionGoesOnWithTheSameNumbers() {
    Draws first = new Draws(11);
    for (int i = 0; i < 1000; i++) {
      first.nextInt((1 << 30) + 7);
      first.nextDouble();
    }
    Draws again = Draws.at(11, first.position());
    for (int i = 0; i < 1000; i++) {
      assertEquals(first.nextDouble(), again.nextDouble());
      assertEquals(first.nextInt(5), again.nextInt(5));
    }
  }

  /**
   * A TPE sampler rebuilt from another's positions, half-way through a search, proposes what the
   * original proposes next, through its startup trials and past them.
   */
  @Test
  void aSamplerRebuiltFromItsPositionsProposesTheSameConfigurations() {
    for (String algorithm : List.of("random", "tpe")) {
      SearchSpec spec = SamplersTest.spec(algorithm, SamplersTest.SPACE, 5, true);
      Sampler original = Samplers.of(spec);
      List<TrialView> trials = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        if (i == 6 || i == 17) {
          Sampler rebuilt = Samplers.of(spec, original.positions());
          Map<String, Object> p = original.ask(trials);
          assertEquals(p, rebuilt.ask(trials), algorithm + " trial " + i);
          assertEquals(original.positions(), rebuilt.positions(), algorithm);
          original = rebuilt;
          trials.add(Trials.done(i, p, SamplersTest.fake(p)));
          continue;
        }
        Map<String, Object> p = original.ask(trials);
        trials.add(Trials.done(i, p, SamplersTest.fake(p)));
      }
    }
  }
}
