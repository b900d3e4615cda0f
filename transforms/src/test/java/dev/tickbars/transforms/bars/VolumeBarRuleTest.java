package dev.tickbars.transforms.bars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickbars.transforms.Ticks;
import dev.tickbars.transforms.values.Bar;
import dev.tickbars.transforms.values.BarAccumulator;
import dev.tickbars.transforms.values.Cumulative;
import dev.tickbars.transforms.values.NumberedTicks;
import dev.tickbars.transforms.values.PriceBasis;
import dev.tickbars.transforms.values.TickBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * tickbars' volume-bar rule (SPEC 4: bar k holds the ticks whose cumulative volume before them
 * lies in [kN, (k+1)N)) against mlfinlab's, ported here as a plain loop: mlfinlab's {@code
 * StandardBars._extract_bars} adds each tick to the running volume, samples a bar when it reaches
 * the threshold, and resets the running volume to zero, dropping the overshoot. The two agree
 * while no bar overshoots its threshold, and part after the first that does.
 */
class VolumeBarRuleTest {
  private static final long S = 1_000_000_000L;

  /** Each bar's tick indexes, by tickbars' cutter. */
  private static List<List<Integer>> tickbars(double[] sizes, long threshold) {
    Ticks t = Ticks.of("ES");
    for (int i = 0; i < sizes.length; i++) {
      t.trade((i + 1) * S, i + 1, 100.0 + i, sizes[i], 'B');
    }
    TickBlock block = t.block();
    List<List<Integer>> bars = new ArrayList<>();
    BarCutter.of(Frame.parse(threshold + "v"), PriceBasis.TRADE, 60 * S)
        .cut(new NumberedTicks(block, 0, NumberedTicks.NO_PREVIOUS, Cumulative.ZERO), BarCutter.Span.ALL, 0, sizes.length,
            new BarCutter.Receiver() {
              @Override
              public void whole(Bar bar) {
                add(bar.tickFirstId(), bar.tickLastId());
              }

              @Override
              public void partial(BarAccumulator part) {
                add(part.firstId, part.lastId);
              }

              private void add(long first, long last) {
                List<Integer> ids = new ArrayList<>();
                for (long id = first; id <= last; id++) {
                  ids.add((int) id);
                }
                bars.add(ids);
              }
            });
    return bars;
  }

  /**
   * Each bar's tick indexes by mlfinlab's rule: a bar is sampled at the tick that takes the running
   * volume to the threshold or past it, and the running volume starts again at zero. Ticks after
   * the last sample make no bar.
   */
  private static List<List<Integer>> mlfinlab(double[] sizes, long threshold) {
    List<List<Integer>> bars = new ArrayList<>();
    List<Integer> open = new ArrayList<>();
    double cumVolume = 0;
    for (int i = 0; i < sizes.length; i++) {
      open.add(i);
      cumVolume += sizes[i];
      if (cumVolume >= threshold) {
        bars.add(open);
        open = new ArrayList<>();
        cumVolume = 0;
      }
    }
    return bars;
  }

  // The README's worked example: sizes 3, 4, 2, 5, 1, 6, 2 and 5v. The volumes before the ticks
  // are 0, 3, 7, 9, 14, 15, 21: bars 0, 0, 1, 1, 2, 3, 4. mlfinlab closes at 7 (ticks 0-1), resets,
  // closes at 2 + 5 = 7 (ticks 2-3), resets, closes at 1 + 6 = 7 (ticks 4-5); tick 6 waits.
  @Test
  void theWorkedExample() {
    double[] sizes = {3, 4, 2, 5, 1, 6, 2};
    assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4), List.of(5), List.of(6)), tickbars(sizes, 5));
    assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5)), mlfinlab(sizes, 5));
  }

  @Test
  void bothRulesAreTickBarsForTicksOfOneUnit() {
    double[] ones = new double[100];
    java.util.Arrays.fill(ones, 1);
    List<List<Integer>> tickbars = tickbars(ones, 7);
    assertEquals(mlfinlab(ones, 7), tickbars.subList(0, 100 / 7), "the same whole bars");
    assertEquals(List.of(98, 99), tickbars.get(100 / 7), "tickbars also writes the last, unfinished bar");
  }

  @Test
  void theRulesAgreeUntilABarOvershootsAndPartAfter() {
    Random r = new Random(3);
    for (int run = 0; run < 50; run++) {
      double[] sizes = new double[300];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = 1 + r.nextInt(20);
      }
      long threshold = 50;
      List<List<Integer>> ours = tickbars(sizes, threshold);
      List<List<Integer>> theirs = mlfinlab(sizes, threshold);
      // The first bar whose closing tick takes the volume past its threshold.
      double cum = 0;
      int overshoot = -1;
      for (int b = 0; b < theirs.size() && overshoot < 0; b++) {
        for (int i : theirs.get(b)) {
          cum += sizes[i];
        }
        if (cum > threshold * (b + 1)) {
          overshoot = b;
        }
      }
      assertTrue(overshoot >= 0 && overshoot + 1 < theirs.size(), "sizes of 1 to 20 overshoot 50 early");
      assertEquals(theirs.subList(0, overshoot + 1), ours.subList(0, overshoot + 1), "alike up to the first overshoot");
      assertNotEquals(theirs.subList(overshoot + 1, theirs.size()), ours.subList(overshoot + 1, theirs.size()), "apart after it");
    }
  }
}
