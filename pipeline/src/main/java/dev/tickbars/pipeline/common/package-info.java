/**
 * What every package of the pipeline uses and nothing in it depends on: the one Jackson mapper
 * ({@link dev.tickbars.pipeline.common.Json}), epoch nanoseconds as a {@code java.time.Instant}
 * ({@link dev.tickbars.pipeline.common.EpochNanos}), UTC hours ({@link
 * dev.tickbars.pipeline.common.Hours}), the one way a small file is written whole ({@link
 * dev.tickbars.pipeline.common.WholeFile}: a hidden name, then one rename), and the exceptions
 * that end a run: a usage error (exit 2), an unreadable input file, a failed job (exit 1).
 *
 * <p>May import: nothing of tickbars.
 */
package dev.tickbars.pipeline.common;
