/**
 * The Beam coders of the element types in {@code values}: compact and explicit, never Java
 * serialization, so that a block of ticks crosses a shuffle or a checkpoint as its columns.
 *
 * <p>May import: {@code transforms.values}.
 */
package dev.tickbars.transforms.coders;
