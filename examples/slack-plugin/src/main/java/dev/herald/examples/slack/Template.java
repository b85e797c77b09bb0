package dev.herald.examples.slack;

import dev.herald.api.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template: text with {@code {path}} placeholders, such as {@code "New order:
 * {result.id} - {result.total}"} or {@code "{name} failed: {error.message}"}. Paths are resolved
 * by {@link Fields}, values rendered by {@link ValueText}.
 *
 * <p>Fails soft: a placeholder whose path leads nowhere (no such field, an index out of range, a
 * getter that throws) stays in the text as written, so the message still goes out and shows what
 * to fix; a null value renders as empty text. Braces around anything but a path are plain text.
 *
 * <p>Substituted values are escaped as Slack asks ({@code &}, {@code <}, {@code >} as {@code
 * &amp;}, {@code &lt;}, {@code &gt;}), so that a value such as {@code <!channel>} or
 * {@code <https://evil.example|Log in>} shows as written instead of pinging the channel or making a
 * link; the template's own text is left as written, so links and mentions put there on purpose work.
 *
 * <p>Immutable and safe for concurrent use.
 */
final class Template {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*|\\[\\d+])*)}");

  private final String source;
  private final List<Object> parts = new ArrayList<>(); // String: literal text; Path: a placeholder

  private record Path(String text) {}

  Template(String source) {
    this.source = source;
    Matcher matcher = PLACEHOLDER.matcher(source);
    int last = 0;
    while (matcher.find()) {
      parts.add(source.substring(last, matcher.start()));
      parts.add(new Path(matcher.group(1)));
      last = matcher.end();
    }
    parts.add(source.substring(last));
  }

  /**
   * The text for {@code event}, each value at most {@code maxValueLength} characters before it is
   * escaped. Never throws.
   */
  String render(Event event, int maxValueLength) {
    StringBuilder text = new StringBuilder(source.length() + 32);
    for (Object part : parts) {
      if (part instanceof Path path) {
        Object value = Fields.resolve(event, path.text());
        text.append(value == Fields.MISSING ? "{" + path.text() + "}" : escape(ValueText.render(value, maxValueLength)));
      } else {
        text.append((String) part);
      }
    }
    return text.toString();
  }

  /** {@code text} with Slack's three control characters escaped (api.slack.com/reference/surfaces/formatting#escaping). */
  private static String escape(String text) {
    // & first, so that the & of the other two entities is not escaped again
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public String toString() {
    return source;
  }
}
