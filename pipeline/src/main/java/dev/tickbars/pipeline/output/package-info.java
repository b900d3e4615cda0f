/**
 * The publishing protocol, and the only owner of file and folder names. A run writes into a
 * hidden staging folder of its {@link dev.tickbars.pipeline.output.OutputFolder}, under the
 * output's {@link dev.tickbars.pipeline.output.OutputLock}; {@link
 * dev.tickbars.pipeline.output.PublishJournal} swaps the staged entries in at the end, with the
 * manifest last, so that a kill at any instant leaves one whole run. {@link
 * dev.tickbars.pipeline.output.OutputLayout} names every file ({@code bars_<frame>}, {@code
 * tick_slices_<frame>}, flat or hive); {@link dev.tickbars.pipeline.output.ParquetFile} writes
 * them, {@link dev.tickbars.pipeline.output.RejectFiles} writes every reject line, {@link
 * dev.tickbars.pipeline.output.WriteJoinedBars} writes the bars that cross tasks, and {@link
 * dev.tickbars.pipeline.output.OutputListing} lists what was written. The {@link
 * dev.tickbars.pipeline.output.Ledger} records what every run read and left open, and {@link
 * dev.tickbars.pipeline.output.RunPlan} is what the next run reads given it.
 *
 * <p>May import: {@code pipeline.common}, {@code pipeline.input}, {@code transforms.coders},
 * {@code transforms.parse}, {@code transforms.values}.
 */
package dev.tickbars.pipeline.output;
