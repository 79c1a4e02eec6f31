package io.breachdrill.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A named path through a scenario's decisions and what one team taking it must score: {@code
 * validate} plays the path and compares. {@code score} (earned points) and {@code percent} may each
 * be null, and {@code file} is where the test is written: the scenario file or its sibling {@code
 * <id>.test.yaml}.
 */
public record ScenarioTest(
    String file,
    String name,
    Position at,
    List<Choice> path,
    BigDecimal score,
    Position scoreAt,
    BigDecimal percent,
    Position percentAt,
    List<StepExpectation> steps) {

  /** How a step may end for a team, as tests write it. */
  public static final List<String> OUTCOMES = List.of("on-time", "late", "missed", "harmed");

  /** The team answers {@code decision} with {@code option}, {@code after} it reached the team. */
  public record Choice(String decision, String option, Duration after, Position at) {}

  /** The playbook step {@code step} ends as {@code outcome}, one of {@link #OUTCOMES}. */
  public record StepExpectation(String step, String outcome, Position at) {}

  /** A failure of this test, in the form {@code validate} prints: {@code test NAME: MESSAGE}. */
  public Problem failure(Position position, String message) {
    return Problem.at(file, position, "test " + name + ": " + message);
  }
}
