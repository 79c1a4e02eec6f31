package io.breachdrill.report;

import io.breachdrill.drill.engine.EventData;
import io.breachdrill.drill.engine.EventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One drill as a file, to archive it or review it on another installation: the scenario text it
 * froze, its teams and participants, its whole event log and the improvement plan people edited.
 * Ids are those of the installation that wrote it; an import gives everything new ones.
 */
public record DrillArchive(
    String format,
    Integer version,
    Instant exportedAt,
    ScenarioPart scenario,
    DrillPart drill,
    List<TeamPart> teams,
    List<ParticipantPart> participants,
    List<EventPart> events,
    List<ImprovementPart> improvementItems) {

  public static final String FORMAT = "breachdrill-drill";
  public static final int VERSION = 1;

  /**
   * The largest file an import reads: a scenario text may take 1 MiB, and a long drill's log a few
   * hundred kilobytes. It stays under the server's 2 MB request limit so the refusal can say why.
   */
  public static final int MAX_BYTES = 3 * 512 * 1024;

  /** The frozen scenario version: its id, the SHA-256 of its text, and the text itself. */
  public record ScenarioPart(
      String id, String contentHash, String title, String fileName, String source) {}

  /** The drill as it stood: {@code status} and {@code speed} are what its log folds to. */
  public record DrillPart(
      Long id,
      String title,
      Instant createdAt,
      String status,
      BigDecimal speed,
      String facilitator) {}

  public record TeamPart(Long id, String name) {}

  /** Someone who joined a team, as the log's participant-joined event has them. */
  public record ParticipantPart(Long id, Long teamId, String name, String role, Instant joinedAt) {}

  /** One event of the log, as stored: {@code teamId} and ids in {@code data} are the file's. */
  public record EventPart(
      Long seq,
      EventType type,
      Long teamId,
      Instant at,
      Long drillMs,
      String actor,
      EventData data) {}

  /** One item of the improvement plan, with what people made of it. */
  public record ImprovementPart(
      String stepId,
      String issue,
      String correctiveAction,
      String controlArea,
      String owner,
      LocalDate due,
      String status,
      Instant createdAt,
      Instant updatedAt) {}
}
