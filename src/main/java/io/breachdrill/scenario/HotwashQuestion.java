package io.breachdrill.scenario;

import java.util.List;

/** A question participants answer in the hotwash after the drill. */
public record HotwashQuestion(String id, String question) {

  /** What every scenario asks unless it names its own questions. */
  public static final List<HotwashQuestion> DEFAULTS =
      List.of(
          new HotwashQuestion("went-well", "What went well?"),
          new HotwashQuestion("improve", "What should improve before a real incident?"));

  static final int MAX_LENGTH = 300;
}
