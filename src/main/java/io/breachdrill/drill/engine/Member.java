package io.breachdrill.drill.engine;

/** A participant of a team, with the team role they chose. */
public record Member(long participantId, String name, String role) {}
