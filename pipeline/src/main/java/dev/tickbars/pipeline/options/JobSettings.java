package dev.tickbars.pipeline.options;

import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.pipeline.output.Ledger;
import dev.tickbars.pipeline.output.OutputLayout;
import dev.tickbars.transforms.bars.BarCutter;
import dev.tickbars.transforms.bars.Frame;
import dev.tickbars.transforms.bars.WeekendWindow;
import dev.tickbars.transforms.parse.Column;
import dev.tickbars.transforms.parse.InputFormat;
import dev.tickbars.transforms.parse.Layout;
import dev.tickbars.transforms.parse.LayoutDetector;
import dev.tickbars.transforms.values.PriceBasis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The options of a run, checked together and turned into the domain's types before any pipeline
 * is built; every problem is a {@link UsageException}.
 */
public final class JobSettings {
  /** {@code --priceBasis}'s default: the trade's price for trades, else the mid. */
  public static final String AUTO = "auto";
  private static final Frame DEFAULT_SLICE_FRAME = Frame.parse("1000t");
  private static final List<String> CODECS = List.of("snappy", "gzip", "zstd", "uncompressed");
  /** The smallest scan piece: smaller ones only add pieces (one byte a piece ran for ever). */
  static final long MIN_SCAN_PIECE_BYTES = 64 << 10;

  /** The most frames one run makes: each adds its bars to every task's memory and its files to the output. */
  static final int MAX_FRAMES = 16;

  private final List<Frame> frames;
  private final Frame sliceFrame;
  private final PriceBasis basis;
  private final long maxGapNs;
  private final double maxRejectRatio;
  private final long taskTicks;
  private final long scanPieceBytes;
  private final WeekendWindow weekend;
  private final QualityRules quality;
  private final CompressionCodecName compression;
  private final OutputLayout layout;
  private final LayoutDetector anyDetector;
  private final LayoutDetector detector;
  private final TreeMap<String, String> shape = new TreeMap<>();

  private JobSettings(TickbarsOptions o, Map<String, Layout> inputs) {
    if (o.getInput().isBlank()) {
      throw new UsageException("--input is empty: give a file, a glob or a folder of tick files");
    }
    if (o.getOutput().isBlank()) {
      throw new UsageException("--output is empty: give the folder to write (a new or empty one, or a tickbars output)");
    }
    requireApart(o.getInput(), o.getOutput());
    frames = frames(o.getFrames());
    sliceFrame = sliceFrame(o.getSliceFrame(), frames);
    basis = basis(o.getPriceBasis(), inputs);
    maxGapNs = maxGapNs(o.getMaxGapSeconds());
    maxRejectRatio = maxRejectRatio(o.getMaxRejectRatio());
    scanPieceBytes = scanPieceBytes(o.getScanPieceBytes());
    taskTicks = taskTicks(o.getTaskTicks());
    WeekendWindow window = weekendWindow(o);
    weekend = o.getTrimWeekend() ? window : null;
    quality = quality(o, maxGapNs, basis, window);
    compression = compression(o.getCompression());
    layout = OutputLayout.parse(o.getLayout());
    anyDetector =
        new LayoutDetector(
            InputFormat.parse(o.getFormat()),
            commaList(o.getColumns()),
            o.getSymbol(),
            zone(o.getTimezone()));
    detector = needingBasis(anyDetector, basis);
    inputs.forEach(detector::requireNeeded);
    requireVolumes(inputs);
    shape.put(Ledger.SCHEMA, Ledger.SCHEMA_VERSION);
    shape.put("frames", String.join(",", frames.stream().map(Frame::name).toList()));
    shape.put("sliceFrame", sliceFrame.name());
    shape.put("priceBasis", basis.name().toLowerCase(Locale.ROOT));
    shape.put("maxGapSeconds", Double.toString(maxGapNs / 1e9));
    shape.put(OutputLayout.OPTION, layout.label());
    shape.put("trimWeekend", weekend == null ? "false" : o.getWeekendStart() + ".." + o.getWeekendEnd());
  }

  private static long maxGapNs(double gap) {
    if (!(gap >= 0)) {
      throw new UsageException("--maxGapSeconds must be 0 or more, not " + gap);
    }
    return Math.round(gap * 1e9);
  }

  private static double maxRejectRatio(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new UsageException("--maxRejectRatio must be between 0 and 1, not " + ratio);
    }
    return ratio;
  }

  private static long scanPieceBytes(long bytes) {
    if (bytes < MIN_SCAN_PIECE_BYTES) {
      throw new UsageException("--scanPieceBytes must be at least " + MIN_SCAN_PIECE_BYTES + " (64 KiB), not " + bytes);
    }
    return bytes;
  }

  private static long taskTicks(long ticks) {
    if (ticks < 1) {
      throw new UsageException("--taskTicks must be 1 or more, not " + ticks);
    }
    return ticks;
  }

  private static WeekendWindow weekendWindow(TickbarsOptions o) {
    try {
      return WeekendWindow.of(o.getWeekendStart(), o.getWeekendEnd());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private static QualityRules quality(TickbarsOptions o, long maxGapNs, PriceBasis basis, WeekendWindow window) {
    double jump = o.getJumpThreshold();
    if (!(jump >= 0)) {
      throw new UsageException("--jumpThreshold must be 0 or more pips, not " + jump);
    }
    if (o.getPipSize() != null && !(o.getPipSize() > 0)) {
      throw new UsageException("--pipSize must be more than 0, not " + o.getPipSize());
    }
    return new QualityRules(maxGapNs, basis, jump, o.getPipSize(), window);
  }

  private static CompressionCodecName compression(String name) {
    String codec = name.strip().toLowerCase(Locale.ROOT);
    if (!CODECS.contains(codec)) {
      throw new UsageException("unknown --compression '" + name + "' (use " + String.join(", ", CODECS) + ")");
    }
    return CompressionCodecName.valueOf(codec.toUpperCase(Locale.ROOT));
  }

  /**
   * The price basis {@code --priceBasis} asks for, for input files of {@code inputs}: {@code auto}
   * is the trade's price when a file has trades, else the mid.
   */
  private static PriceBasis basis(String requested, Map<String, Layout> inputs) {
    if (!requested.strip().equalsIgnoreCase(AUTO)) {
      return PriceBasis.parse(requested);
    }
    return inputs.values().stream().anyMatch(l -> l.has(Column.PRICE)) ? PriceBasis.TRADE : PriceBasis.MID;
  }

  /** {@code any}, but a file without the price of {@code basis} (no trades for {@code trade}, no quotes for the others) is an error. */
  private static LayoutDetector needingBasis(LayoutDetector any, PriceBasis basis) {
    String option = "--priceBasis=" + basis.name().toLowerCase(Locale.ROOT);
    return basis.needsTrades()
        ? any.needing(Column.PRICE, "which " + option + " needs: run quote files apart (with mid, bid or ask)")
        : any.needing(Column.BID, "which " + option + " needs: run trade files apart, or pass --priceBasis=trade");
  }

  /**
   * Checks the options; throws {@link UsageException} with the first problem. Without input files
   * to tell, {@code --priceBasis=auto} is the mid.
   */
  public static JobSettings from(TickbarsOptions options) {
    return from(options, Map.of());
  }

  /**
   * Checks the options for a run of the files {@code inputs} (their layouts by path); throws {@link
   * UsageException} with the first problem.
   */
  public static JobSettings from(TickbarsOptions options, Map<String, Layout> inputs) {
    try {
      return new JobSettings(options, inputs);
    } catch (UsageException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** The items of a comma-separated option; empty for none. */
  static List<String> commaList(String value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          out.add(item.strip());
        }
      }
    }
    return out;
  }

  /**
   * A usage error when the input lies in the output or is it (a run would read its own files as
   * ticks, or write among the ticks), for local paths; the part of a glob before its first
   * wildcard counts.
   */
  private static void requireApart(String input, String output) {
    if (input.contains("://") || output.contains("://")) {
      return;
    }
    String fixed = input.split("[*?\\[{]", 2)[0];
    Path in = Paths.get(fixed.isEmpty() ? "." : fixed).toAbsolutePath().normalize();
    Path out = Paths.get(output).toAbsolutePath().normalize();
    if (in.startsWith(out) || (Files.isDirectory(in) && in.equals(out))) {
      throw new UsageException("--input " + input + " lies in --output " + output + ": a run would read its own output as ticks;"
          + " keep the ticks and the output apart");
    }
  }

  private static List<Frame> frames(String value) {
    List<String> names = commaList(value);
    if (names.isEmpty()) {
      throw new UsageException("--frames names no frame");
    }
    Set<Frame> unique = new LinkedHashSet<>();
    for (String n : names) {
      unique.add(Frame.parse(n));
    }
    if (unique.size() > MAX_FRAMES) {
      throw new UsageException("--frames names " + unique.size() + " frames; at most " + MAX_FRAMES + " are made in one run");
    }
    return List.copyOf(unique);
  }

  private static Frame sliceFrame(String name, List<Frame> frames) {
    if (name != null && !name.isBlank()) {
      Frame f = Frame.parse(name);
      if (f.isTimeFrame()) {
        throw new UsageException("--sliceFrame must be a tick, volume or value frame such as 1000t, 50000v or 1000000dv, not " + name);
      }
      return f;
    }
    List<Frame> tickFrames = new ArrayList<>();
    for (Frame f : frames) {
      if (f.isTickFrame()) {
        tickFrames.add(f);
      }
    }
    return tickFrames.stream()
        .max(Comparator.comparingLong(Frame::ticksPerBar))
        .orElse(DEFAULT_SLICE_FRAME);
  }

  /**
   * A volume or value frame of files with neither trade sizes nor quote volumes is a usage error:
   * their ticks have no volume to cut by.
   */
  private void requireVolumes(Map<String, Layout> inputs) {
    Frame amount = amountFrame();
    if (amount == null) {
      return;
    }
    inputs.forEach(
        (file, layout) -> {
          boolean volumes = Stream.of(Column.SIZE, Column.VOLUME, Column.BID_VOLUME, Column.ASK_VOLUME).anyMatch(layout::has);
          if (!volumes && !layout.format().equals(Layout.EMPTY)) {
            throw new UsageException(
                file + ": has no size or volume column, which the frame " + amount + " needs: run it without volume and value frames");
          }
        });
  }

  /** The first of the frames and the slice frame that is cut by volume or value, or null. */
  private Frame amountFrame() {
    return Stream.concat(frames.stream(), Stream.of(sliceFrame)).filter(Frame::isAmountFrame).findFirst().orElse(null);
  }

  private static ZoneId zone(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(id.strip());
    } catch (DateTimeException e) {
      throw new UsageException("unknown --timezone '" + id + "'");
    }
  }

  public List<Frame> frames() {
    return frames;
  }

  public Frame sliceFrame() {
    return sliceFrame;
  }

  public PriceBasis basis() {
    return basis;
  }

  public long maxGapNs() {
    return maxGapNs;
  }

  public long scanPieceBytes() {
    return scanPieceBytes;
  }

  public long taskTicks() {
    return taskTicks;
  }

  public double maxRejectRatio() {
    return maxRejectRatio;
  }

  /** The weekend to drop, or null when --trimWeekend is off. */
  public WeekendWindow weekend() {
    return weekend;
  }

  /** What the data-quality report counts. */
  public QualityRules quality() {
    return quality;
  }

  public CompressionCodecName compression() {
    return compression;
  }

  /** How the output's files are named and what columns they hold. */
  public OutputLayout layout() {
    return layout;
  }

  /** Tells the layout of any tick file, whatever the price basis; for the files that decide an {@code auto} basis. */
  public LayoutDetector anyDetector() {
    return anyDetector;
  }

  /** Tells the layout of a tick file; one without the price of the run's basis is an error. */
  public LayoutDetector detector() {
    return detector;
  }

  /** The options that shape the bars, the ids and the files, by name: an {@code --append} run must share them. */
  public TreeMap<String, String> shape() {
    return new TreeMap<>(shape);
  }

  /** The price basis of the ticks' value where a frame or the slices are cut by volume or value, else null. */
  public PriceBasis amountBasis() {
    return amountFrame() == null ? null : basis;
  }

  /** The cutter of the slice frame, which numbers the slices' bars. */
  public BarCutter sliceCutter() {
    return BarCutter.of(sliceFrame, basis(), maxGapNs());
  }

  /** The bar cutter of each of the run's frames, by frame name, in the order of {@code --frames}. */
  public Map<String, BarCutter> cutters() {
    Map<String, BarCutter> cutters = new LinkedHashMap<>();
    for (Frame frame : frames()) {
      cutters.put(frame.name(), BarCutter.of(frame, basis(), maxGapNs()));
    }
    return cutters;
  }
}
