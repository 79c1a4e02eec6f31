package io.breachdrill.scoring;

/** An evaluator's latest HSEEP rating (P, S, M, U) of a phase, with their observation. */
public record PhaseRating(String phase, String rating, String label, String note, String by) {}
