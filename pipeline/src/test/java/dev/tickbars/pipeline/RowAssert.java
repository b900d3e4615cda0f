package dev.tickbars.pipeline;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Compares tables of rows column by column, and says where the first difference is. */
public final class RowAssert {
  private RowAssert() {}

  /**
   * Asserts that both tables hold the same rows once sorted by {@code keys}; the columns in
   * {@code approximate} may differ by {@code tolerance} relative, every other column must be equal.
   */
  public static void assertSameRows(
      String what,
      List<Map<String, Object>> expected,
      List<Map<String, Object>> actual,
      List<String> keys,
      Set<String> approximate,
      double tolerance) {
    List<Map<String, Object>> e = sorted(expected, keys);
    List<Map<String, Object>> a = sorted(actual, keys);
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      Map<String, Object> er = e.get(i);
      Map<String, Object> ar = a.get(i);
      if (!er.keySet().equals(ar.keySet())) {
        fail(what + ": columns differ: expected " + er.keySet() + " but was " + ar.keySet());
      }
      for (String column : er.keySet()) {
        Object ev = er.get(column);
        Object av = ar.get(column);
        boolean same =
            approximate.contains(column) && ev instanceof Double && av instanceof Double
                ? close((Double) ev, (Double) av, tolerance)
                : Objects.equals(ev, av);
        if (!same) {
          fail(what + ": row " + i + " column " + column + ": expected " + ev + " but was " + av
              + "\n expected row " + er + "\n actual row   " + ar);
        }
      }
    }
    if (e.size() != a.size()) {
      fail(what + ": expected " + e.size() + " rows but was " + a.size());
    }
  }

  private static boolean close(double e, double a, double tolerance) {
    return e == a || Math.abs(e - a) <= tolerance * Math.max(Math.abs(e), Math.abs(a));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows, List<String> keys) {
    Comparator<Map<String, Object>> c = (x, y) -> 0;
    for (String k : keys) {
      c = c.thenComparing(r -> (Comparable<Object>) r.get(k));
    }
    List<Map<String, Object>> out = new ArrayList<>(rows);
    out.sort(c);
    return out;
  }
}
