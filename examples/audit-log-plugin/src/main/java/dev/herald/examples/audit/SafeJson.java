package dev.herald.examples.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns application values into JSON without trusting them.
 *
 * <p>Scalars, strings, dates, collections, maps, arrays and records are converted directly; other
 * objects by their bean properties as Jackson sees them ({@link BeanProperties}), each property
 * read on its own so that one failing getter costs only that property. What cannot or must not be
 * read becomes a summary object {@code {"$summary": "<class>", "reason": "..."}}: {@link Hazards}
 * (streams, sockets, proxies...), cycles, values deeper than {@code max-depth}, collections larger
 * than {@code max-items}, getters that throw, and everything past a budget of nodes per value.
 * Strings are cut at {@code max-value-length}. Values of a redacted name (map key, record
 * component, bean property; any depth; case ignored) become {@code "***"}. An object with no
 * readable property is a summary with its {@code toString()} as {@code "text"}, but only while
 * nothing is redacted: that text could hold what redact names.
 *
 * <p>Immutable and safe for concurrent use; never throws, except {@link Error}s other than {@link
 * StackOverflowError}.
 */
final class SafeJson {

  static final String REDACTED = "***";
  // Exact decimals: an amount of 30.00 stays 30.00 in the record.
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final Set<String> redact;
  private final int maxValueLength;
  private final int maxItems;
  private final int maxDepth;
  private final BeanProperties beans;

  SafeJson(ObjectMapper mapper, AuditSettings settings) {
    this.redact = settings.redact();
    this.maxValueLength = settings.maxValueLength();
    this.maxItems = settings.maxItems();
    this.maxDepth = settings.maxDepth();
    this.beans = new BeanProperties(mapper);
  }

  /** {@code value} as JSON. */
  JsonNode toJson(Object value) {
    return new Walk().node(value, 0);
  }

  /** {@code text} cut to {@code max-value-length}, unpaired surrogates replaced, so any JSON writer takes it. */
  String text(String text) {
    String cut = text.length() <= maxValueLength ? text
        : text.substring(0, maxValueLength) + "…(" + (text.length() - maxValueLength) + " more)";
    return wellFormed(cut);
  }

  private static String wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> clean.appendCodePoint(Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp));
        return clean.toString();
      }
    }
    return text;
  }

  boolean redacted(String name) {
    return !redact.isEmpty() && redact.contains(name.toLowerCase(Locale.ROOT));
  }

  static ObjectNode summary(Object value, String reason) {
    ObjectNode summary = NODES.objectNode();
    summary.put("$summary", value.getClass().getName());
    summary.put("reason", reason);
    return summary;
  }

  /** One conversion: the objects on the current path, for cycles, and the node budget. */
  private final class Walk {
    private final Set<Object> path = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private int budget = 10 * maxItems + 100;

    JsonNode node(Object value, int depth) {
      if (value == null) {
        return NODES.nullNode();
      }
      if (--budget < 0) {
        return summary(value, "value too large, node budget spent");
      }
      if (value instanceof CharSequence text) {
        return NODES.textNode(text(text.toString()));
      }
      if (value instanceof Boolean b) {
        return NODES.booleanNode(b);
      }
      if (value instanceof Number number) {
        return number(number);
      }
      if (value instanceof Character || value instanceof Enum<?> || value instanceof TemporalAccessor
          || value instanceof TemporalAmount || value instanceof java.util.UUID || value instanceof java.net.URI
          || value instanceof java.nio.file.Path || value instanceof java.io.File || value instanceof Locale) {
        return NODES.textNode(text(String.valueOf(value)));
      }
      if (value instanceof Class<?> type) {
        return NODES.textNode(type.getName());
      }
      if (value instanceof Date date) {
        return NODES.textNode(date.toInstant().toString());
      }
      if (value instanceof Throwable error) {
        return AuditRecord.error(error, SafeJson.this, false);
      }
      String hazard = Hazards.reasonFor(value.getClass());
      if (hazard != null) {
        return summary(value, hazard);
      }
      if (value instanceof Optional<?> optional) {
        return node(optional.orElse(null), depth);
      }
      if (depth >= maxDepth) {
        return summary(value, "deeper than " + maxDepth);
      }
      if (!path.add(value)) {
        return summary(value, "cycle");
      }
      try {
        return structure(value, depth);
      } catch (StackOverflowError | RuntimeException e) { // a getter, an iterator, a concurrent change
        return summary(value, "could not be read: " + e.getClass().getSimpleName());
      } finally {
        path.remove(value);
      }
    }

    private JsonNode structure(Object value, int depth) {
      if (value instanceof byte[] bytes) {
        return sized(summary(value, "binary"), bytes.length);
      }
      if (value instanceof Map<?, ?> map) {
        if (map.size() > maxItems) {
          return sized(summary(value, map.size() + " entries, more than " + maxItems), map.size());
        }
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String key = text(String.valueOf(entry.getKey()));
          object.set(key, redacted(key) ? NODES.textNode(REDACTED) : node(entry.getValue(), depth + 1));
        }
        return object;
      }
      if (value instanceof Collection<?> collection) {
        if (collection.size() > maxItems) {
          return sized(summary(value, collection.size() + " elements, more than " + maxItems), collection.size());
        }
        ArrayNode array = NODES.arrayNode();
        collection.forEach(item -> array.add(node(item, depth + 1)));
        return array;
      }
      if (value.getClass().isArray()) {
        int length = Array.getLength(value);
        if (length > maxItems) {
          return sized(summary(value, length + " elements, more than " + maxItems), length);
        }
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < length; i++) {
          array.add(node(Array.get(value, i), depth + 1));
        }
        return array;
      }
      return properties(value, depth);
    }

    private JsonNode properties(Object value, int depth) {
      Map<String, BeanProperties.Reader> readers = beans.of(value.getClass());
      if (readers.isEmpty()) {
        // Its toString() may print the very fields redact names (Lombok's @ToString, a record-like
        // class with private fields): with redact set it is not written, since it cannot be redacted.
        return redact.isEmpty() ? summary(value, "no readable properties").put("text", safeToString(value))
            : summary(value, "no readable properties; toString() not written, as redact is set");
      }
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<String, BeanProperties.Reader> reader : readers.entrySet()) {
        String name = reader.getKey();
        if (redacted(name)) {
          object.put(name, REDACTED);
          continue;
        }
        Object property;
        try {
          property = reader.getValue().read(value);
        } catch (Exception | StackOverflowError e) {
          object.set(name, summary(value, "property '" + name + "' threw " + BeanProperties.cause(e)));
          continue;
        }
        object.set(name, node(property, depth + 1));
      }
      return object;
    }

    private String safeToString(Object value) {
      try {
        return text(String.valueOf(value));
      } catch (Exception | StackOverflowError e) {
        return "<toString threw " + e.getClass().getSimpleName() + ">";
      }
    }
  }

  private static JsonNode number(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
      return NODES.numberNode(number.longValue());
    }
    if (number instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    if (number instanceof BigInteger integer) {
      return NODES.numberNode(integer);
    }
    if ((number instanceof Double || number instanceof Float) && Double.isFinite(number.doubleValue())) {
      return NODES.numberNode(number.doubleValue());
    }
    return NODES.textNode(String.valueOf(number)); // NaN and infinities have no JSON form; AtomicLong & co. print fine
  }

  private static ObjectNode sized(ObjectNode summary, int size) {
    return summary.put("size", size);
  }
}
