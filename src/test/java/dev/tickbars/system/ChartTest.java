package dev.tickbars.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chart} as a user runs it on the sample's bars: a PNG of the asked size with candles of
 * both colours and the axes' text, not a blank picture; a symbol without bars is a usage error; bars
 * of trades with their volume below.
 */
class ChartTest {
  private static final Path SAMPLE = Paths.get(System.getProperty("tickbars.testdata")).resolve("sample");
  private static final int UP = 0x26a69a;
  private static final int DOWN = 0xef5350;
  private static final int PANEL = 0x546e7a;

  @TempDir Path dir;

  @Test
  void aCandlestickChartOfTheSampleIsAPngWithCandlesOfBothColours() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + out, "--quiet").code());
    Path png = dir.resolve("eurusd.png");

    Jar.Result r = Jar.run("chart", "--bars=" + out.resolve("bars_1m"), "--symbol=EUR/USD", "--from=2025-07-06T21:00",
        "--out=" + png, "--width=1000", "--height=600");

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("1m bars of EURUSD"), r.out());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1000, image.getWidth());
    assertEquals(600, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    int up = 0;
    int down = 0;
    int dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        up += rgb == UP ? 1 : 0;
        down += rgb == DOWN ? 1 : 0;
        dark += (rgb >> 16) < 0x60 && ((rgb >> 8) & 0xff) < 0x60 && (rgb & 0xff) < 0x60 ? 1 : 0;
      }
    }
    assertTrue(colours.size() > 20, "not blank: " + colours.size() + " colours");
    assertTrue(up > 200 && down > 200, "rising and falling candles: " + up + " and " + down + " pixels");
    assertTrue(dark > 2000, "axes, labels and title: " + dark + " dark pixels");
  }

  @Test
  void aSymbolWithoutBarsIsAUsageError() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + SAMPLE, "--output=" + out, "--quiet").code());

    Jar.Result r = Jar.run("chart", "--bars=" + out.resolve("bars_1m"), "--symbol=AUDNZD", "--out=" + dir.resolve("x.png"));

    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("tickbars: chart: no bar of AUDNZD in "), r.err());
  }

  @Test
  void barsOfTradesWithTheirVolumeBelow() throws Exception {
    TradeFiles.write(dir.resolve("trades"), 3_000, 1, 5);
    Path out = dir.resolve("out");
    assertEquals(0, Jar.run("--input=" + dir.resolve("trades"), "--output=" + out, "--maxRejectRatio=0.05", "--quiet").code());
    Path png = dir.resolve("es.png");

    Jar.Result r = Jar.run("chart", "--bars=" + out.resolve("bars_1m"), "--symbol=ES", "--panel=volume", "--out=" + png);

    assertEquals(0, r.code(), r.err());
    BufferedImage image = ImageIO.read(png.toFile());
    int panel = 0;
    int candles = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        panel += rgb == PANEL ? 1 : 0;
        candles += rgb == UP || rgb == DOWN ? 1 : 0;
      }
    }
    assertTrue(panel > 1000 && candles > 1000, "volume bars and candles: " + panel + " and " + candles + " pixels");
  }
}
