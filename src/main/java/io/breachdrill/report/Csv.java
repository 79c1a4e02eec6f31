package io.breachdrill.report;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV as RFC 4180 has it: comma-separated, CRLF line ends, a field quoted when it holds a comma, a
 * quote or a line break, quotes doubled. Text that a spreadsheet would run as a formula (it starts
 * with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, since team names and
 * drill titles are typed by people; numbers, typed or written as text, are written as they are.
 */
final class Csv {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private final StringBuilder out = new StringBuilder();

  Csv(String... header) {
    line(Arrays.asList((Object[]) header));
  }

  Csv(List<String> header) {
    line(List.copyOf(header));
  }

  Csv row(Object... fields) {
    line(Arrays.asList(fields));
    return this;
  }

  Csv row(List<?> fields) {
    line(fields);
    return this;
  }

  private void line(List<?> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields.get(i)));
    }
    out.append("\r\n");
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (value instanceof String
        && !text.isEmpty()
        && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
        && !NUMBER.matcher(text).matches()) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
