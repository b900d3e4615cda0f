package dev.tickbars.transforms.parse;

/** Why a line is not a tick. The names are what {@code rejects/} and the manifest say. */
public enum RejectReason {
  WRONG_FIELD_COUNT("wrong_field_count"),
  MISSING_SYMBOL("missing_symbol"),
  /** Empty once normalised, too long, or of other characters than a symbol may hold ({@link Symbols#isSafe}). */
  BAD_SYMBOL("bad_symbol"),
  BAD_TIMESTAMP("bad_timestamp"),
  BAD_NUMBER("bad_number"),
  BAD_PRICE("non_positive_or_non_finite_price"),
  /** Above {@link TickLineParser#MAX_PRICE}, where a bar's sums would no longer be finite. */
  PRICE_TOO_LARGE("price_too_large"),
  CROSSED_QUOTE("crossed_quote"),
  /** A trade's size below zero, not finite or above {@link TickLineParser#MAX_VOLUME}. */
  BAD_SIZE("negative_or_non_finite_size"),
  /** A trade's side that none of {@link Sides}' spellings is. */
  UNKNOWN_SIDE("unknown_side"),
  /** Longer than {@link TickStreamParser#MAX_LINE} bytes. */
  LINE_TOO_LONG("line_too_long"),
  /** Earlier than its symbol's last tick of an earlier run (--append): its id has been given out. */
  LATE("late");

  private final String label;

  RejectReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
