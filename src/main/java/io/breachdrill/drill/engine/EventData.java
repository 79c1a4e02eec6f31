package io.breachdrill.drill.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an event says beyond its type, team and times; stored as JSON, with only the fields its type
 * uses. Times are drill time in milliseconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventData(
    String title,
    String scenarioId,
    String scenarioHash,
    BigDecimal speed,
    String teamName,
    Long participantId,
    String name,
    String role,
    String injectId,
    Long dueMs,
    Boolean early,
    String channel,
    String body,
    String decisionId,
    String optionId,
    String rationale,
    Long deadlineMs,
    String text,
    String phase,
    String rating,
    String stepId,
    BigDecimal credit,
    Long aboutSeq,
    Map<String, Integer> confidence,
    Boolean anonymous,
    Map<String, String> answers) {

  static final EventData NONE = builder().build();

  /** The same data with another participantId, as a log copied elsewhere renumbers it. */
  public EventData withParticipantId(Long participantId) {
    return new EventData(
        title,
        scenarioId,
        scenarioHash,
        speed,
        teamName,
        participantId,
        name,
        role,
        injectId,
        dueMs,
        early,
        channel,
        body,
        decisionId,
        optionId,
        rationale,
        deadlineMs,
        text,
        phase,
        rating,
        stepId,
        credit,
        aboutSeq,
        confidence,
        anonymous,
        answers);
  }

  /** The same data with another aboutSeq, as a log copied elsewhere renumbers it. */
  public EventData withAboutSeq(Long aboutSeq) {
    return new EventData(
        title,
        scenarioId,
        scenarioHash,
        speed,
        teamName,
        participantId,
        name,
        role,
        injectId,
        dueMs,
        early,
        channel,
        body,
        decisionId,
        optionId,
        rationale,
        deadlineMs,
        text,
        phase,
        rating,
        stepId,
        credit,
        aboutSeq,
        confidence,
        anonymous,
        answers);
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * Fills only the fields an event type needs, so the factories in {@link DrillEngine} stay short.
   */
  static final class Builder {
    private String title;
    private String scenarioId;
    private String scenarioHash;
    private BigDecimal speed;
    private String teamName;
    private Long participantId;
    private String name;
    private String role;
    private String injectId;
    private Long dueMs;
    private Boolean early;
    private String channel;
    private String body;
    private String decisionId;
    private String optionId;
    private String rationale;
    private Long deadlineMs;
    private String text;
    private String phase;
    private String rating;
    private String stepId;
    private BigDecimal credit;
    private Long aboutSeq;
    private Map<String, Integer> confidence;
    private Boolean anonymous;
    private Map<String, String> answers;

    Builder title(String v) {
      title = v;
      return this;
    }

    Builder scenario(String id, String hash) {
      scenarioId = id;
      scenarioHash = hash;
      return this;
    }

    Builder speed(Speed v) {
      speed = v.factor();
      return this;
    }

    Builder teamName(String v) {
      teamName = v;
      return this;
    }

    Builder member(Member v) {
      participantId = v.participantId();
      name = v.name();
      role = v.role();
      return this;
    }

    /** Only who answered, for answers given anonymously. */
    Builder participant(long id) {
      participantId = id;
      return this;
    }

    Builder injectId(String v) {
      injectId = v;
      return this;
    }

    Builder dueMs(Long v) {
      dueMs = v;
      return this;
    }

    Builder early(boolean v) {
      early = v ? Boolean.TRUE : null;
      return this;
    }

    Builder channel(String v) {
      channel = v;
      return this;
    }

    Builder body(String v) {
      body = v;
      return this;
    }

    Builder decision(String decision, String option) {
      decisionId = decision;
      optionId = option;
      return this;
    }

    Builder rationale(String v) {
      rationale = v;
      return this;
    }

    Builder deadlineMs(Long v) {
      deadlineMs = v;
      return this;
    }

    Builder text(String v) {
      text = v;
      return this;
    }

    Builder rating(String phaseKey, Rating value) {
      phase = phaseKey;
      rating = value.name();
      return this;
    }

    Builder adjustment(String step, BigDecimal points) {
      stepId = step;
      credit = points;
      return this;
    }

    Builder aboutSeq(Long v) {
      aboutSeq = v;
      return this;
    }

    Builder confidence(Map<String, Integer> v) {
      confidence = v.isEmpty() ? null : new TreeMap<>(v);
      return this;
    }

    Builder answers(Map<String, String> v) {
      answers = v.isEmpty() ? null : new TreeMap<>(v);
      return this;
    }

    Builder anonymous(boolean v) {
      anonymous = v ? Boolean.TRUE : null;
      return this;
    }

    EventData build() {
      return new EventData(
          title,
          scenarioId,
          scenarioHash,
          speed,
          teamName,
          participantId,
          name,
          role,
          injectId,
          dueMs,
          early,
          channel,
          body,
          decisionId,
          optionId,
          rationale,
          deadlineMs,
          text,
          phase,
          rating,
          stepId,
          credit,
          aboutSeq,
          confidence,
          anonymous,
          answers);
    }
  }
}
