/**
 * The PTransforms that both graphs share. {@link dev.tickbars.transforms.NumberInEventTime} is
 * the stateful per-symbol DoFn of {@code --watch}: it numbers ticks in event time and cuts their
 * bars. {@link dev.tickbars.transforms.JoinPartialBars} combines the partial bars of one frame and
 * symbol that the batch graph's tasks leave, whatever order the runner brings them in.
 *
 * <p>The packages below it: {@code parse} (a CSV line to a tick, without a String per field),
 * {@code values} (the element types: ticks in columnar blocks, bars, partial bars, and their
 * Avro rows), {@code bars} (frames, the bar cutter, the weekend window) and {@code coders} (the
 * values' Beam coders).
 *
 * <p>May import: {@code transforms.bars}, {@code transforms.coders}, {@code transforms.parse},
 * {@code transforms.values}.
 */
package dev.tickbars.transforms;
