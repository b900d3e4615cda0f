/**
 * How ticks become bars: a {@link dev.tickbars.transforms.bars.Frame} ({@code 1m}, {@code 100t},
 * ...), the {@link dev.tickbars.transforms.bars.BarCutter} that assigns a numbered tick to its bar
 * of a frame (Beam {@code FixedWindows} for time frames, tick ids for tick frames) and adds it to
 * that bar's partial, and the {@link dev.tickbars.transforms.bars.WeekendWindow} that
 * {@code --trimWeekend} drops.
 *
 * <p>May import: {@code transforms.parse}, {@code transforms.values}.
 */
package dev.tickbars.transforms.bars;
