package io.breachdrill.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One message to the team. Exactly one of {@code at} (drill time) and {@code after} (a branch of an
 * earlier decision) is set; {@code sender}, who the message is from as the team sees it, may be
 * null.
 */
public record Inject(
    String id,
    Duration at,
    After after,
    Channel channel,
    String sender,
    String title,
    List<String> to,
    List<String> attack,
    String body,
    Decision decision) {

  /** The headline a participant sees: the title, else the first line of the body. */
  public String headline() {
    if (title != null && !title.isBlank()) {
      return title;
    }
    String firstLine = body == null ? "" : body.strip().lines().findFirst().orElse("");
    String plain = firstLine.replaceAll("[*_`#>]", "").strip();
    return plain.length() > 80 ? plain.substring(0, 77) + "..." : plain;
  }

  public boolean wholeTeam() {
    return to.isEmpty();
  }

  /** Delivery after a decision: one of its options, or {@value #TIMEOUT} when nobody answered. */
  public record After(String decision, List<String> options, Duration delay) {
    public static final String TIMEOUT = "timeout";

    public boolean onTimeout() {
      return options.contains(TIMEOUT);
    }
  }
}
