/**
 * What a run tells: {@link dev.tickbars.pipeline.report.RunReport} (what a finished run did),
 * from which the {@link dev.tickbars.pipeline.report.Manifest} ({@code manifest.json}, the
 * commit record) and the one-screen {@link dev.tickbars.pipeline.report.Summary} are made; the
 * {@link dev.tickbars.pipeline.report.QualityReport} ({@code quality.json}) merged from each
 * piece of work's {@link dev.tickbars.pipeline.report.SymbolQuality}; and the progress a client
 * shows ({@link dev.tickbars.pipeline.report.Progress}) from what the workers report ({@link
 * dev.tickbars.pipeline.report.WorkProgress}), with the heap's peak ({@link
 * dev.tickbars.pipeline.report.HeapPeak}).
 *
 * <p>May import: {@code pipeline.common}, {@code pipeline.input}, {@code pipeline.output},
 * {@code pipeline.options}.
 */
package dev.tickbars.pipeline.report;
