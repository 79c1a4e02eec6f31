package io.breachdrill.scoring;

/** An evaluator's note about a team, or about one event of its timeline ({@code aboutSeq}). */
public record Observation(String text, String by, long drillMs, Long aboutSeq) {}
