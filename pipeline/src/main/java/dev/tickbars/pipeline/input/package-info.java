/**
 * The input of a run: {@code --input} expanded into ranked files with their layouts ({@link
 * dev.tickbars.pipeline.input.InputFiles}, {@link dev.tickbars.pipeline.input.InputFile}), the
 * fingerprint that tells a changed file, a file's first and last tick time, what reading the files
 * counted ({@link dev.tickbars.pipeline.input.ReadStats}), the one rule of which ticks a run keeps
 * ({@link dev.tickbars.pipeline.input.TickFilter}: trimmed, late, kept), and what an {@code --append} run
 * carries over from the runs before it ({@link dev.tickbars.pipeline.input.Carried}, {@link
 * dev.tickbars.pipeline.input.LateTicks}).
 *
 * <p>May import: {@code pipeline.common}, {@code transforms.bars}, {@code transforms.parse},
 * {@code transforms.values}.
 */
package dev.tickbars.pipeline.input;
