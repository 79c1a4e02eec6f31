package io.breachdrill.drill.engine;

import java.util.Arrays;
import java.util.Optional;

/** The HSEEP rating of how a team performed a phase. */
public enum Rating {
  P("Performed without challenges"),
  S("Performed with some challenges"),
  M("Performed with major challenges"),
  U("Unable to be performed");

  private final String label;

  Rating(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<Rating> fromKey(String key) {
    return Arrays.stream(values()).filter(r -> r.name().equals(key)).findFirst();
  }
}
