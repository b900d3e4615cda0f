/**
 * What a run is asked to do. {@link dev.tickbars.pipeline.options.TickbarsOptions} and {@link
 * dev.tickbars.pipeline.options.ChartOptions} are Beam {@code PipelineOptions} interfaces; {@link
 * dev.tickbars.pipeline.options.Cli} makes them from the command line, a JSON config and the
 * environment (in that order of precedence), and prints {@code --help} and {@code --printConfig}
 * from {@link dev.tickbars.pipeline.options.OptionDoc}. {@link
 * dev.tickbars.pipeline.options.JobSettings} checks every option together and turns them into the
 * domain's types (frames, bar cutters, the output layout, the {@link
 * dev.tickbars.pipeline.options.QualityRules}) before any pipeline is built.
 *
 * <p>May import: {@code pipeline.common}, {@code pipeline.output}, {@code transforms.bars},
 * {@code transforms.parse}, {@code transforms.values}.
 */
package dev.tickbars.pipeline.options;
