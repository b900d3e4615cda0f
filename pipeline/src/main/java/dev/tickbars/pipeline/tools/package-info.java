/**
 * Commands around a run, none of which writes bars: {@code inspect} checks an output against its
 * manifest without taking its lock, {@code repair} completes an interrupted publish, {@code chart}
 * draws a symbol's bars as PNG, and {@code sample} writes generated tick files for trying
 * tickbars out, for the reader tests and for the benchmark.
 *
 * <p>May import: {@code pipeline.common}, {@code pipeline.output}, {@code pipeline.options},
 * {@code transforms.parse}.
 */
package dev.tickbars.pipeline.tools;
