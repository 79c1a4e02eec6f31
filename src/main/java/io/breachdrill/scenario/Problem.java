package io.breachdrill.scenario;

/** Something wrong in a scenario file, at a 1-based line and column. */
public record Problem(String file, int line, int column, String message)
    implements Comparable<Problem> {

  public static Problem at(String file, Position position, String message) {
    return new Problem(file, position.line(), position.column(), message);
  }

  /** The form editors and CI logs understand: {@code PATH:LINE:COL: error: MESSAGE}. */
  public String format() {
    return file + ":" + line + ":" + column + ": error: " + message;
  }

  @Override
  public int compareTo(Problem other) {
    int byFile = file.compareTo(other.file);
    if (byFile != 0) {
      return byFile;
    }
    return line != other.line
        ? Integer.compare(line, other.line)
        : Integer.compare(column, other.column);
  }
}
