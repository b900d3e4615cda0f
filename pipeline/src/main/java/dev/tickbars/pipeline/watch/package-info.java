/**
 * The {@code --watch} graph, and the job that runs it until it is told to stop ({@link
 * dev.tickbars.pipeline.watch.WatchJob}). {@link dev.tickbars.pipeline.watch.WatchPipeline}
 * builds it:
 *
 * <pre>
 * WatchNewFiles (NewFilesSource, unbounded) -> ReadTickBlocks -> NumberInEventTime
 *   SLICES -> BatchSlices (GroupIntoBatches) -> WriteSliceFiles
 *   BARS   -> KeyBars -> BatchBars (GroupIntoBatches) -> WriteBarFiles
 *   LATE   -> WriteLateTicks                      the dead letters, with their lines
 *   OPEN   -> WriteOpenBars                       at the drain: each symbol's last bars
 *          -> KeepLastBars -> MergeOpenBars (Combine.globally) -> WriteOpenBarsForLedger
 * </pre>
 *
 * <p>{@link dev.tickbars.pipeline.watch.NewFilesSource} emits each complete new file once, with a
 * watermark from the files' tick times, and at the stop an {@link
 * dev.tickbars.pipeline.watch.Arrival} that {@code ReadTickBlocks} turns into each symbol's end
 * mark; {@code NumberInEventTime} numbers each symbol's ticks in event time and cuts its bars;
 * the writers flush files every half {@code --flushInterval}.
 *
 * <p>May import: {@code pipeline.common}, {@code pipeline.input}, {@code pipeline.output},
 * {@code pipeline.options}, {@code pipeline.report}, {@code transforms}, {@code transforms.bars},
 * {@code transforms.coders}, {@code transforms.parse}, {@code transforms.values}.
 */
package dev.tickbars.pipeline.watch;
