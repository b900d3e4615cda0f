/**
 * From bytes to ticks, without a String per field: the layouts of tick files and how {@code auto}
 * tells them apart ({@link dev.tickbars.transforms.parse.LayoutDetector}), a stream of lines cut
 * with bounded memory ({@link dev.tickbars.transforms.parse.TickStreamParser}), one line parsed
 * in place ({@link dev.tickbars.transforms.parse.TickLineParser}, {@link
 * dev.tickbars.transforms.parse.Numbers}, {@link dev.tickbars.transforms.parse.Timestamps},
 * {@link dev.tickbars.transforms.parse.Symbols}), and the reasons a line is rejected.
 *
 * <p>May import: nothing of tickbars.
 */
package dev.tickbars.transforms.parse;
