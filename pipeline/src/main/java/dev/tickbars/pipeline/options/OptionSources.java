package dev.tickbars.pipeline.options;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tickbars.pipeline.common.Json;
import dev.tickbars.pipeline.common.UsageException;
import dev.tickbars.transforms.parse.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run's options come from: flags, the environment ({@code TICKBARS_<OPTION>}) and a
 * {@code --config} JSON file, in that order of precedence, with each option's source kept for
 * {@code --printConfig} and for usage errors that name it.
 */
final class OptionSources {
  /** The runner options --help lists, which the environment may give too. */
  static final List<String> RUNNER_OPTIONS = List.of("runner", "flinkMaster", "parallelism");

  /** The value of the last {@code --name=value} of {@code args}, or null. */
  static String value(String[] args, String name) {
    String v = null;
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        v = a.substring(name.length() + 3);
      }
    }
    return v;
  }

  /** The environment variable of an option: {@code maxRejectRatio} is {@code TICKBARS_MAX_REJECT_RATIO}. */
  static String envName(String option) {
    return "TICKBARS_" + option.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /**
   * Command-line arguments with every option's source: a flag, the environment ({@code
   * TICKBARS_<OPTION>} of each option --help lists, and of the runner options), or the {@code
   * --config} file, in that order of precedence.
   */
  record Layered(String[] args, Map<String, String> sources) {}

  /** {@code args} with the options of the environment and of the config file that they do not give. */
  static Layered layered(String[] args, Map<String, String> env) {
    Map<String, String> sources = new TreeMap<>();
    List<String> flags = new ArrayList<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new UsageException("unexpected argument " + Printable.quote(a) + " (options are --name=value)");
      }
      String name = a.substring(2).split("=", 2)[0];
      sources.put(name, "flag");
      flags.add(a);
    }
    List<String> fromEnv = new ArrayList<>();
    List<String> names = new ArrayList<>(RUNNER_OPTIONS);
    OptionDoc.all().forEach(o -> names.add(o.name()));
    for (String name : names) {
      String v = env.get(envName(name));
      if (v != null && !sources.containsKey(name)) {
        sources.put(name, "env " + envName(name));
        fromEnv.add("--" + name + "=" + v);
      }
    }
    String config = value(flags.toArray(new String[0]), "config");
    if (config == null) {
      config = value(fromEnv.toArray(new String[0]), "config");
    }
    List<String> merged = new ArrayList<>();
    if (config != null) {
      for (Map.Entry<String, String> e : configFile(config).entrySet()) {
        if (!sources.containsKey(e.getKey())) {
          sources.put(e.getKey(), "config " + config);
          merged.add("--" + e.getKey() + "=" + e.getValue());
        }
      }
    }
    merged.addAll(fromEnv);
    merged.addAll(flags);
    return new Layered(merged.toArray(new String[0]), sources);
  }

  /**
   * A usage error naming the option, its value and where it came from, for a value that is not of
   * its option's type (Beam's own message names neither).
   */
  static void checkTypes(Layered layered) {
    Map<String, Class<?>> types = new TreeMap<>();
    OptionDoc.all().forEach(o -> types.put(o.name(), o.getter().getReturnType()));
    for (String a : layered.args()) {
      String[] nameValue = a.substring(2).split("=", 2);
      Class<?> type = types.get(nameValue[0]);
      if (type == null || nameValue.length < 2) {
        continue;
      }
      String v = nameValue[1].strip();
      String want = null;
      try {
        if (type == Double.class || type == double.class) {
          want = "a number";
          Double.parseDouble(v);
        } else if (type == Integer.class || type == int.class) {
          want = "a whole number";
          Integer.parseInt(v);
        } else if (type == Long.class || type == long.class) {
          want = "a whole number";
          Long.parseLong(v);
        } else if ((type == Boolean.class || type == boolean.class) && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw new UsageException("--" + nameValue[0] + " must be true or false, not " + Printable.quote(v) + from(layered, nameValue[0]));
        }
      } catch (NumberFormatException e) {
        throw new UsageException("--" + nameValue[0] + " must be " + want + ", not " + Printable.quote(v) + from(layered, nameValue[0]), e);
      }
    }
  }

  private static String from(Layered layered, String name) {
    String source = layered.sources().getOrDefault(name, "flag");
    return source.equals("flag") ? "" : " (from " + source + ")";
  }

  /** The options of a {@code --config} file, by name. */
  private static Map<String, String> configFile(String config) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(Paths.get(config)));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UsageException("--config " + config + " is no valid JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
    } catch (IOException e) {
      throw new UsageException("cannot read --config " + config + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new UsageException("--config " + config + " must hold one JSON object of options");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) {
        out.put(e.getKey(), value(config, e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  private static String value(String config, String name, JsonNode v) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    throw new UsageException("--config " + config + ": option " + name + " must be a value or a list");
  }

  private OptionSources() {}
}
