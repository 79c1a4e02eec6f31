package io.breachdrill.drill.engine;

import java.util.Map;

/**
 * A participant's answers to the hotwash after the drill, by question id, and their confidence per
 * phase (1 to 5). {@code name} is null when they answered anonymously.
 */
public record HotwashAnswer(
    long seq,
    long participantId,
    String name,
    Map<String, String> answers,
    Map<String, Integer> confidence) {}
