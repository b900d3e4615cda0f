/**
 * The tickbars command. {@link dev.tickbars.pipeline.Main} reads the subcommand (a run,
 * {@code repair}, {@code inspect}, {@code chart}, {@code sample}, {@code --help},
 * {@code --printConfig}), hands a run to the batch or the watch job, and turns how it ended into
 * the exit code: 0 done, 1 the job failed or the reject ratio was exceeded, 2 a usage error.
 *
 * <p>The packages, from the bottom up; each imports only packages above it in this list:
 *
 * <pre>
 * common    the JSON mapper, epoch nanoseconds, UTC hours, a file written whole, the exceptions
 * input     the input files of a run, what reading them counts, what --append carries over
 * output    the output folder and its names, its Parquet and reject files, the ledger,
 *           the publish journal and lock: the publishing protocol
 * options   the options interfaces, how args, a JSON config and the environment become them,
 *           and the settings checked before a pipeline is built
 * report    the manifest, the summary, the quality report and the progress of a run
 * batch     the batch graph: scan, plan, build, join, write
 * watch     the --watch graph: new files, numbering in event time, flushes
 * tools     inspect, repair, chart, sample: commands around a run
 * </pre>
 *
 * <p>May import: {@code pipeline.common}, {@code pipeline.input}, {@code pipeline.output},
 * {@code pipeline.options}, {@code pipeline.report}, {@code pipeline.batch},
 * {@code pipeline.watch}, {@code pipeline.tools}.
 */
package dev.tickbars.pipeline;
