package io.breachdrill.scoring;

/** One step of a team's path: a decision and the option taken, or {@code "timeout"}. */
public record Choice(String decisionId, String optionId) {}
