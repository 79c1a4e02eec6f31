package io.breachdrill.report;

import io.breachdrill.web.Invalid;
import java.util.List;

/**
 * A drill file that cannot be imported, with every problem found, each naming the field and what is
 * wrong with it. A 400: the API shows the problems as its detail, the import page as a list.
 */
public class ArchiveRefused extends Invalid {

  private final List<String> problems;

  public ArchiveRefused(List<String> problems) {
    super(
        "This drill file cannot be imported: "
            + (problems.size() == 1 ? problems.get(0) : String.join("\n", problems)));
    this.problems = List.copyOf(problems);
  }

  public ArchiveRefused(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
