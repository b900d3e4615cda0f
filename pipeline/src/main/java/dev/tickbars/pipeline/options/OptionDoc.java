package dev.tickbars.pipeline.options;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** One tickbars option as --help, the README and the manifest show it. */
public record OptionDoc(String name, String defaultValue, boolean required, String description, Method getter) {

  /** The options of {@link TickbarsOptions}: required ones first, then by name. */
  public static List<OptionDoc> all() {
    List<OptionDoc> out = new ArrayList<>();
    for (Method m : TickbarsOptions.class.getDeclaredMethods()) {
      if (!m.getName().startsWith("get") || m.getParameterCount() != 0) {
        continue;
      }
      String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
      out.add(
          new OptionDoc(
              name,
              defaultOf(m),
              m.isAnnotationPresent(Validation.Required.class),
              m.getAnnotation(Description.class).value(),
              m));
    }
    out.sort(Comparator.comparing((OptionDoc o) -> !o.required()).thenComparing(OptionDoc::name));
    return out;
  }

  static String defaultOf(Method m) {
    if (m.isAnnotationPresent(Default.String.class)) {
      return m.getAnnotation(Default.String.class).value();
    }
    if (m.isAnnotationPresent(Default.Double.class)) {
      double d = m.getAnnotation(Default.Double.class).value();
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
    if (m.isAnnotationPresent(Default.Boolean.class)) {
      return String.valueOf(m.getAnnotation(Default.Boolean.class).value());
    }
    if (m.isAnnotationPresent(Default.Long.class)) {
      return String.valueOf(m.getAnnotation(Default.Long.class).value());
    }
    return "none";
  }
}
