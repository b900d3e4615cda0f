/**
 * The element types that travel between steps, all with explicit coders in {@code coders}: a
 * {@link dev.tickbars.transforms.values.TickBlock} (a symbol's ticks as columns), {@link
 * dev.tickbars.transforms.values.NumberedTicks} (a block with its first tick id), a {@link
 * dev.tickbars.transforms.values.Bar}, a partial bar ({@link
 * dev.tickbars.transforms.values.BarAccumulator}) and the {@link
 * dev.tickbars.transforms.values.JoinedBars} of a frame and symbol; the price basis; and the Avro
 * schemas and rows of the Parquet files ({@link dev.tickbars.transforms.values.OutputRecords}).
 *
 * <p>May import: nothing of tickbars.
 */
package dev.tickbars.transforms.values;
