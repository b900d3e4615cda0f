/**
 * The batch graph, and the job that runs it and publishes its output ({@link
 * dev.tickbars.pipeline.batch.TickbarsJob}). {@link dev.tickbars.pipeline.batch.TickbarsPipeline}
 * builds it, as it reads in the Flink UI:
 *
 * <pre>
 * ScanFiles:  ListPieces -> SpreadPieces -> ScanPieces     pass 1: SCANS, a FileScan per piece
 *   SCANS -> PlanChunks:  AllScans (side input) ; Once -> Plan -> SpreadTasks   a ChunkTask per task
 *         -> BuildChunks: BuildChunk       pass 2: slices and bars written in the task;
 *                                          PARTIALS: the parts of bars that cross chunks
 *            [+ CarryOpenBars -> AllPartials, with --append]
 *            -> JoinPartialBars (a Combine.perKey by frame and symbol)
 *            -> WriteJoinedBars: WriteJoinedBarFiles, which returns the files it wrote
 *            -> KeepLastBars -> MergeOpenBars (Combine.globally) -> WriteOpenBars
 *   COUNTS -> MergeScanCounts (Combine.globally) -> WriteScanCounts
 *   QUALITY, and BuildChunks' QUALITY -> AllQualityParts -> MergeQualityParts -> WriteQualityParts
 *   BuildChunks' WRITTEN, and WriteJoinedBars' files -> AllWrittenFiles -> MergeWrittenFiles
 *         -> WriteWrittenFiles
 * </pre>
 *
 * <p>Two passes over the input, and nothing that grows with the input goes through a shuffle:
 * {@link dev.tickbars.pipeline.batch.ScanFiles} counts each symbol's ticks per UTC hour, {@link
 * dev.tickbars.pipeline.batch.PlanChunks} cuts time into chunks that fit {@code --taskTicks} and
 * gives each (symbol, chunk) its first tick id, and {@link dev.tickbars.pipeline.batch.BuildChunks}
 * reads each chunk's bytes again, numbers its ticks and writes their slices and bars.
 *
 * <p>May import: {@code pipeline.common}, {@code pipeline.input}, {@code pipeline.output},
 * {@code pipeline.options}, {@code pipeline.report}, {@code transforms}, {@code transforms.bars},
 * {@code transforms.parse}, {@code transforms.values}.
 */
package dev.tickbars.pipeline.batch;
