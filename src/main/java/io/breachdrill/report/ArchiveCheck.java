package io.breachdrill.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.breachdrill.drill.engine.DrillEngine;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillRefused;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.DrillTimes;
import io.breachdrill.drill.engine.EventData;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.report.DrillArchive.EventPart;
import io.breachdrill.report.DrillArchive.ImprovementPart;
import io.breachdrill.report.DrillArchive.ParticipantPart;
import io.breachdrill.report.DrillArchive.ScenarioPart;
import io.breachdrill.report.DrillArchive.TeamPart;
import io.breachdrill.scenario.Channel;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Problem;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioReader;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a drill file and checks everything in it before anything is stored: the format, the
 * scenario text (its hash, and that it validates), the teams and participants, and the whole log
 * replayed through {@link DrillEngine}: every event must be exactly what the drill's rules record
 * for it in the state the events before it fold to. A pure function of the file.
 */
final class ArchiveCheck {

  static final int MAX_TEAM_NAME = 100;
  static final int MAX_PARTICIPANT_NAME = 60;
  static final int MAX_ROLE = 100;
  static final int MAX_ACTOR = 200;
  static final int MAX_FILE_NAME = 500;
  static final int MAX_SCENARIO_TITLE = 500;

  /** What an import stores, all checked; ids are still the file's. */
  record Checked(
      DrillArchive archive, Scenario scenario, List<DrillEvent> events, DrillState state) {}

  private ArchiveCheck() {}

  /** A reader as strict as the checks: unknown fields, duplicate keys and loose numbers refused. */
  static ObjectReader reader(ObjectMapper app) {
    ObjectMapper strict =
        app.copy()
            .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    return strict.readerFor(DrillArchive.class);
  }

  /** The file as a {@link DrillArchive}, or a refusal that says where it stops being one. */
  static DrillArchive read(ObjectReader reader, byte[] bytes) {
    if (bytes.length > DrillArchive.MAX_BYTES) {
      throw new ArchiveRefused(
          "the file is "
              + bytes.length
              + " bytes; drill files are limited to "
              + DrillArchive.MAX_BYTES
              + " bytes (1.5 MiB).");
    }
    if (bytes.length == 0) {
      throw new ArchiveRefused("the file is empty; choose a drill file exported from Breachdrill.");
    }
    JsonNode tree;
    try {
      tree = reader.readTree(bytes);
    } catch (IOException e) {
      throw new ArchiveRefused("the file is not JSON: " + describe(e));
    }
    if (tree == null || !tree.isObject()) {
      throw new ArchiveRefused(
          "the file holds JSON but not a drill: a drill file is one JSON object.");
    }
    JsonNode format = tree.get("format");
    if (format == null || !DrillArchive.FORMAT.equals(format.asText(null))) {
      throw new ArchiveRefused(
          "format: a drill file says \""
              + DrillArchive.FORMAT
              + "\" here; this file says "
              + (format == null ? "nothing" : format.toString())
              + ".");
    }
    JsonNode version = tree.get("version");
    if (version == null || !version.isInt() || version.intValue() != DrillArchive.VERSION) {
      throw new ArchiveRefused(
          "version: unknown format version "
              + (version == null ? "(none given)" : version.toString())
              + "; this installation reads version "
              + DrillArchive.VERSION
              + " of the drill format.");
    }
    try {
      // From the bytes again rather than the tree, so decimals keep their exact scale.
      return reader.readValue(bytes);
    } catch (JsonMappingException e) {
      throw new ArchiveRefused(path(e) + ": " + describe(e));
    } catch (IOException e) {
      throw new ArchiveRefused("the file is not JSON: " + describe(e));
    }
  }

  static Checked check(DrillArchive archive) {
    List<String> problems = new ArrayList<>();
    requirePresent(archive, problems);
    if (!problems.isEmpty()) {
      throw new ArchiveRefused(problems);
    }
    Scenario scenario = scenario(archive.scenario());
    checkTeams(archive, problems);
    checkParticipants(archive, problems);
    checkEventReferences(archive, scenario, problems);
    checkImprovements(archive, scenario, problems);
    if (!problems.isEmpty()) {
      throw new ArchiveRefused(problems);
    }
    List<DrillEvent> events = new ArrayList<>();
    DrillState state = replay(archive, scenario, events);
    checkFolded(archive, state, problems);
    if (!problems.isEmpty()) {
      throw new ArchiveRefused(problems);
    }
    return new Checked(archive, scenario, List.copyOf(events), state);
  }

  private static void requirePresent(DrillArchive a, List<String> problems) {
    if (a.scenario() == null) {
      problems.add("scenario is missing: a drill file carries the scenario version it ran.");
    } else {
      ScenarioPart s = a.scenario();
      missing(s.id(), "scenario.id", problems);
      missing(s.contentHash(), "scenario.contentHash", problems);
      missing(s.title(), "scenario.title", problems);
      missing(s.fileName(), "scenario.fileName", problems);
      missing(s.source(), "scenario.source", problems);
    }
    if (a.drill() == null) {
      problems.add("drill is missing.");
    } else {
      missing(a.drill().title(), "drill.title", problems);
      missing(a.drill().createdAt(), "drill.createdAt", problems);
      missing(a.drill().status(), "drill.status", problems);
      missing(a.drill().speed(), "drill.speed", problems);
    }
    if (a.teams() == null) {
      problems.add("teams is missing.");
    }
    if (a.participants() == null) {
      problems.add("participants is missing (an empty list when nobody joined).");
    }
    if (a.events() == null || a.events().isEmpty()) {
      problems.add("events is missing or empty: a drill's log starts with its CREATED event.");
    }
    if (a.improvementItems() == null) {
      problems.add("improvementItems is missing (an empty list when the drill has none).");
    }
  }

  private static void missing(Object value, String field, List<String> problems) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      problems.add(field + " is missing.");
    }
  }

  /** The scenario the drill ran, from the text in the file: hash first, then the validator. */
  private static Scenario scenario(ScenarioPart part) {
    byte[] source = part.source().getBytes(StandardCharsets.UTF_8);
    String hash = part.contentHash();
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new ArchiveRefused(
          "scenario.contentHash is not a SHA-256 (64 lowercase hexadecimal digits).");
    }
    // The stored text has no byte-order mark even when the file it was read from had one.
    if (!hash.equals(sha256(source)) && !hash.equals(sha256(withBom(source)))) {
      throw new ArchiveRefused(
          "scenario.contentHash does not match the scenario source: the file says "
              + hash
              + ", the SHA-256 of scenario.source is "
              + sha256(source)
              + ". The text or the hash was changed after the export.");
    }
    if (part.fileName().length() > MAX_FILE_NAME
        || part.fileName().chars().anyMatch(Character::isISOControl)) {
      throw new ArchiveRefused(
          "scenario.fileName must be 1 to " + MAX_FILE_NAME + " characters on one line.");
    }
    ScenarioFile file = ScenarioReader.read(part.fileName(), source);
    if (!file.valid()) {
      List<String> problems = new ArrayList<>();
      problems.add("scenario.source does not validate as a scenario:");
      file.problems().stream().map(Problem::format).forEach(problems::add);
      throw new ArchiveRefused(problems);
    }
    Scenario scenario = file.scenario();
    if (!scenario.id().equals(part.id())) {
      throw new ArchiveRefused(
          "scenario.id is \""
              + part.id()
              + "\" but the scenario source declares id \""
              + scenario.id()
              + "\".");
    }
    if (!scenario.title().equals(part.title())) {
      throw new ArchiveRefused(
          "scenario.title is \""
              + part.title()
              + "\" but the scenario source's title is \""
              + scenario.title()
              + "\".");
    }
    if (part.title().length() > MAX_SCENARIO_TITLE) {
      throw new ArchiveRefused(
          "scenario.title is longer than " + MAX_SCENARIO_TITLE + " characters.");
    }
    return scenario;
  }

  private static void checkTeams(DrillArchive a, List<String> problems) {
    Set<Long> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < a.teams().size(); i++) {
      TeamPart team = a.teams().get(i);
      String at = "teams[" + i + "]";
      if (team == null || team.id() == null) {
        problems.add(at + ".id is missing.");
        continue;
      }
      if (!ids.add(team.id())) {
        problems.add(at + ".id " + team.id() + " is used by another team of the file.");
      }
      String name = team.name();
      if (name == null
          || name.isBlank()
          || !name.equals(name.strip())
          || name.length() > MAX_TEAM_NAME
          || name.chars().anyMatch(Character::isISOControl)) {
        problems.add(
            at
                + ".name must be 1 to "
                + MAX_TEAM_NAME
                + " characters, without control characters or surrounding spaces.");
      } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
        problems.add(at + ".name \"" + name + "\" is the name of another team of the file.");
      }
    }
    if (a.teams().isEmpty()) {
      problems.add("teams is empty: a drill has at least one team.");
    }
  }

  private static void checkParticipants(DrillArchive a, List<String> problems) {
    Set<Long> teams = teamIds(a);
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < a.participants().size(); i++) {
      ParticipantPart p = a.participants().get(i);
      String at = "participants[" + i + "]";
      if (p == null || p.id() == null) {
        problems.add(at + ".id is missing.");
        continue;
      }
      if (!ids.add(p.id())) {
        problems.add(at + ".id " + p.id() + " is used by another participant of the file.");
      }
      if (p.teamId() == null || !teams.contains(p.teamId())) {
        problems.add(at + ".teamId " + p.teamId() + " is not a team in the file's teams.");
      }
      if (p.name() == null
          || p.name().isBlank()
          || p.name().length() > MAX_PARTICIPANT_NAME
          || p.name().chars().anyMatch(Character::isISOControl)) {
        problems.add(at + ".name must be 1 to " + MAX_PARTICIPANT_NAME + " characters.");
      }
      if (p.role() == null || p.role().isBlank() || p.role().length() > MAX_ROLE) {
        problems.add(at + ".role must be 1 to " + MAX_ROLE + " characters.");
      }
      if (p.joinedAt() == null) {
        problems.add(at + ".joinedAt is missing.");
      }
    }
  }

  /**
   * What each event refers to exists: its team among the file's teams, its participant among the
   * file's participants, its inject, decision, option, playbook step and phase in the scenario.
   */
  private static void checkEventReferences(
      DrillArchive a, Scenario scenario, List<String> problems) {
    Set<Long> teams = teamIds(a);
    Map<Long, ParticipantPart> participants = new HashMap<>();
    a.participants().stream().filter(Objects::nonNull).forEach(p -> participants.put(p.id(), p));
    for (int i = 0; i < a.events().size(); i++) {
      EventPart e = a.events().get(i);
      if (e == null) {
        problems.add("events[" + i + "] is null.");
        continue;
      }
      String at = eventLabel(i, e);
      long expectedSeq = i + 1;
      if (e.seq() == null || e.seq() != expectedSeq) {
        problems.add(
            at
                + ": seq is "
                + e.seq()
                + " but the log numbers its events 1, 2, 3 ... without a gap, so this one must be "
                + expectedSeq
                + ".");
      }
      missing(e.type(), "events[" + i + "].type", problems);
      missing(e.at(), "events[" + i + "].at", problems);
      missing(e.drillMs(), "events[" + i + "].drillMs", problems);
      if (e.data() == null) {
        problems.add("events[" + i + "].data is missing (an empty object when it says nothing).");
        continue;
      }
      if (e.actor() != null && e.actor().length() > MAX_ACTOR) {
        problems.add(at + ": actor is longer than " + MAX_ACTOR + " characters.");
      }
      if (e.teamId() != null && !teams.contains(e.teamId())) {
        problems.add(at + ": names team " + e.teamId() + ", which is not in the file's teams.");
      }
      EventData d = e.data();
      if (d.participantId() != null) {
        ParticipantPart p = participants.get(d.participantId());
        if (p == null) {
          problems.add(
              at
                  + ": names participant "
                  + d.participantId()
                  + ", who is not in the file's participants.");
        } else if (e.type() == EventType.PARTICIPANT_JOINED
            && !(Objects.equals(p.teamId(), e.teamId())
                && Objects.equals(p.name(), d.name())
                && Objects.equals(p.role(), d.role())
                && Objects.equals(p.joinedAt(), e.at()))) {
          problems.add(
              at
                  + ": participant "
                  + d.participantId()
                  + " joins with another team, name, role or time than participants lists.");
        }
      }
      if (d.injectId() != null && scenario.inject(d.injectId()).isEmpty()) {
        problems.add(
            at + ": inject \"" + d.injectId() + "\" is not in scenario " + scenario.id() + ".");
      }
      if (d.decisionId() != null) {
        Optional<Inject> deciding = scenario.injectDeciding(d.decisionId());
        if (deciding.isEmpty()) {
          problems.add(
              at
                  + ": decision \""
                  + d.decisionId()
                  + "\" is not in scenario "
                  + scenario.id()
                  + ".");
        } else if (d.optionId() != null
            && deciding.get().decision().options().stream()
                .noneMatch(o -> o.id().equals(d.optionId()))) {
          problems.add(
              at
                  + ": option \""
                  + d.optionId()
                  + "\" is not an option of decision \""
                  + d.decisionId()
                  + "\".");
        }
      }
      if (d.stepId() != null && scenario.step(d.stepId()).isEmpty()) {
        problems.add(
            at
                + ": playbook step \""
                + d.stepId()
                + "\" is not in scenario "
                + scenario.id()
                + ".");
      }
    }
    for (int i = 0; i < a.participants().size(); i++) {
      if (a.participants().get(i) == null || a.participants().get(i).id() == null) {
        continue;
      }
      long id = a.participants().get(i).id();
      boolean joined =
          a.events().stream()
              .anyMatch(
                  e ->
                      e != null
                          && e.type() == EventType.PARTICIPANT_JOINED
                          && e.data() != null
                          && Objects.equals(e.data().participantId(), id));
      if (!joined) {
        problems.add("participants[" + i + "]: participant " + id + " never joins in the events.");
      }
    }
  }

  private static void checkImprovements(DrillArchive a, Scenario scenario, List<String> problems) {
    Set<String> steps = new HashSet<>();
    for (int i = 0; i < a.improvementItems().size(); i++) {
      ImprovementPart item = a.improvementItems().get(i);
      String at = "improvementItems[" + i + "]";
      if (item == null || item.stepId() == null) {
        problems.add(at + ".stepId is missing.");
        continue;
      }
      if (scenario.step(item.stepId()).isEmpty()) {
        problems.add(
            at
                + ".stepId \""
                + item.stepId()
                + "\" is not a playbook step of scenario "
                + scenario.id()
                + ".");
      } else if (!steps.add(item.stepId())) {
        problems.add(at + ".stepId \"" + item.stepId() + "\" has another item in the file.");
      }
      text(item.issue(), ImprovementPlan.MAX_ISSUE, at + ".issue", problems);
      text(item.correctiveAction(), ImprovementPlan.MAX_ACTION, at + ".correctiveAction", problems);
      text(item.controlArea(), ImprovementPlan.MAX_CONTROL, at + ".controlArea", problems);
      if (item.owner() != null
          && (item.owner().isBlank()
              || item.owner().length() > ImprovementPlan.MAX_OWNER
              || item.owner().chars().anyMatch(Character::isISOControl))) {
        problems.add(
            at + ".owner must be 1 to " + ImprovementPlan.MAX_OWNER + " characters on one line.");
      }
      if (item.status() == null || ImprovementPlan.Status.fromKey(item.status()).isEmpty()) {
        problems.add(
            at + ".status is " + item.status() + "; it must be open, in-progress or closed.");
      }
      if (item.createdAt() == null || item.updatedAt() == null) {
        problems.add(at + ": createdAt and updatedAt are both needed.");
      }
    }
  }

  private static void text(String value, int max, String field, List<String> problems) {
    if (value == null || value.isBlank() || value.length() > max) {
      problems.add(field + " must be 1 to " + max + " characters.");
    }
  }

  /**
   * Replays the log through the engine: each event is rebuilt from the state before it by the rule
   * that records its type, and must come out identical.
   */
  private static DrillState replay(DrillArchive a, Scenario scenario, List<DrillEvent> out) {
    DrillState state = DrillState.NONE;
    for (int i = 0; i < a.events().size(); i++) {
      EventPart part = a.events().get(i);
      DrillEvent event =
          new DrillEvent(
              part.seq(),
              part.type(),
              part.teamId(),
              part.at(),
              part.drillMs(),
              part.actor(),
              part.data());
      String at = eventLabel(i, part);
      if (!part.at().equals(part.at().truncatedTo(ChronoUnit.MILLIS))) {
        throw new ArchiveRefused(at + ": at is finer than a millisecond; the log keeps whole ms.");
      }
      DrillEvent expected;
      try {
        expected = rebuild(state, scenario, event, at);
      } catch (DrillRefused e) {
        throw new ArchiveRefused(at + " breaks the drill's rules: " + e.getMessage());
      } catch (ArchiveRefused e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ArchiveRefused(
            at
                + " cannot be replayed: "
                + (e.getMessage() == null ? "a value it needs is missing." : e.getMessage()));
      }
      if (!expected.equals(event)) {
        throw new ArchiveRefused(
            at
                + " is not what the drill's rules record at this point: "
                + difference(expected, event)
                + ".");
      }
      out.add(event);
      state = state.apply(event);
    }
    return state;
  }

  /** The event the engine records for this one's command, in this state at this time. */
  private static DrillEvent rebuild(
      DrillState state, Scenario scenario, DrillEvent e, String label) {
    EventData d = e.data();
    if (e.seq() == 1 && e.type() != EventType.CREATED) {
      throw new ArchiveRefused(label + ": a drill's log starts with its CREATED event.");
    }
    return switch (e.type()) {
      case CREATED -> {
        if (e.seq() != 1) {
          throw new ArchiveRefused(label + ": a drill is created once, by its first event.");
        }
        if (d.speed() == null || d.title() == null) {
          throw new ArchiveRefused(label + ": a CREATED event gives the title and the speed.");
        }
        yield DrillEngine.created(
            d.title(), d.scenarioId(), d.scenarioHash(), Speed.of(d.speed()), e.actor(), e.at());
      }
      case TEAM_ADDED ->
          DrillEngine.addTeam(state, team(e, label), d.teamName(), e.actor(), e.at());
      case OPENED -> DrillEngine.open(state, e.actor(), e.at());
      case PARTICIPANT_JOINED ->
          DrillEngine.join(
              state, team(e, label), new Member(participant(e, label), d.name(), d.role()), e.at());
      case STARTED -> DrillEngine.start(state, e.actor(), e.at());
      case PAUSED -> DrillEngine.pause(state, e.actor(), e.at());
      case RESUMED -> DrillEngine.resume(state, e.actor(), e.at());
      case FINISHED -> DrillEngine.finish(state, e.actor(), e.at());
      case SPEED_CHANGED -> {
        if (d.speed() == null) {
          throw new ArchiveRefused(label + ": a SPEED_CHANGED event gives the new speed.");
        }
        yield DrillEngine.speed(state, Speed.of(d.speed()), e.actor(), e.at());
      }
      case INJECT_DELIVERED -> delivered(state, scenario, e, label);
      case DECISION_MADE ->
          DrillEngine.decide(
              state,
              scenario,
              team(e, label),
              participant(e, label),
              d.decisionId(),
              d.optionId(),
              d.rationale(),
              e.at());
      case DECISION_TIMED_OUT -> scheduled(state, scenario, e, label);
      case NOTE_ADDED -> DrillEngine.note(state, e.teamId(), d.text(), e.actor(), e.at());
      case RATING_SET ->
          DrillEngine.rate(
              state, scenario, team(e, label), d.phase(), d.rating(), d.text(), e.actor(), e.at());
      case OBSERVATION_ADDED ->
          DrillEngine.observe(state, team(e, label), d.aboutSeq(), d.text(), e.actor(), e.at());
      case SCORE_ADJUSTED ->
          DrillEngine.adjust(
              state, scenario, team(e, label), d.stepId(), d.credit(), d.text(), e.actor(), e.at());
      case HOTWASH_SUBMITTED ->
          DrillEngine.hotwash(
              state,
              scenario,
              team(e, label),
              participant(e, label),
              d.answers() == null ? Map.of() : d.answers(),
              d.confidence() == null ? Map.of() : d.confidence(),
              Boolean.TRUE.equals(d.anonymous()),
              e.at());
    };
  }

  /** A facilitator's own inject, a scenario inject fired early, or one the schedule delivered. */
  private static DrillEvent delivered(
      DrillState state, Scenario scenario, DrillEvent e, String label) {
    EventData d = e.data();
    long team = team(e, label);
    if (d.injectId() == null) {
      Channel channel =
          Channel.fromKey(d.channel() == null ? "" : d.channel())
              .orElseThrow(
                  () ->
                      new ArchiveRefused(
                          label + ": an ad-hoc inject's channel is one of " + Channel.keys()));
      return only(
          DrillEngine.adhoc(state, List.of(team), channel, d.title(), d.body(), e.actor(), e.at()));
    }
    if (Boolean.TRUE.equals(d.early())) {
      return only(
          DrillEngine.fire(state, scenario, d.injectId(), List.of(team), e.actor(), e.at()));
    }
    return scheduled(state, scenario, e, label);
  }

  /** What the dispatcher delivers next at this time: a due inject or a decision's time-out. */
  private static DrillEvent scheduled(
      DrillState state, Scenario scenario, DrillEvent e, String label) {
    List<DrillEvent> due = DrillEngine.due(state, scenario, e.at());
    if (due.isEmpty()) {
      throw new ArchiveRefused(
          label
              + ": by the scenario's schedule nothing was due to any team at drill time "
              + DrillTimes.format(state.drillTime(e.at()).toMillis())
              + " (the drill is "
              + state.status().key()
              + ").");
    }
    return due.get(0);
  }

  private static DrillEvent only(List<DrillEvent> events) {
    return events.get(0);
  }

  private static long team(DrillEvent e, String label) {
    if (e.teamId() == null) {
      throw new ArchiveRefused(label + ": this kind of event needs a teamId.");
    }
    return e.teamId();
  }

  private static long participant(DrillEvent e, String label) {
    if (e.data().participantId() == null) {
      throw new ArchiveRefused(label + ": this kind of event needs data.participantId.");
    }
    return e.data().participantId();
  }

  /** The file's drill and team lists say what the log folds to. */
  private static void checkFolded(DrillArchive a, DrillState state, List<String> problems) {
    if (!state.status().key().equals(a.drill().status())) {
      problems.add(
          "drill.status is \""
              + a.drill().status()
              + "\" but the events fold to \""
              + state.status().key()
              + "\".");
    }
    if (state.speed().factor().compareTo(a.drill().speed()) != 0) {
      problems.add(
          "drill.speed is "
              + a.drill().speed().toPlainString()
              + " but the events fold to "
              + state.speed().factor().toPlainString()
              + ".");
    }
    if (!a.scenario().id().equals(state.scenarioId())
        || !a.scenario().contentHash().equals(state.scenarioHash())) {
      problems.add(
          "events: the CREATED event names scenario "
              + state.scenarioId()
              + " version "
              + state.scenarioHash()
              + ", not the scenario version in the file ("
              + a.scenario().id()
              + " version "
              + a.scenario().contentHash()
              + ").");
    }
    if (!state.title().equals(a.drill().title())) {
      problems.add("drill.title differs from the title the CREATED event gives.");
    }
    for (TeamPart team : a.teams()) {
      String folded = state.team(team.id()).map(t -> t.name()).orElse(null);
      if (!team.name().equals(folded)) {
        problems.add(
            "teams: team "
                + team.id()
                + " (\""
                + team.name()
                + "\") is "
                + (folded == null
                    ? "never added by a TEAM_ADDED event."
                    : "added as \"" + folded + "\" by its TEAM_ADDED event."));
      }
    }
    if (state.status() == DrillStatus.RUNNING) {
      problems.add(
          "drill.status: the drill in this file was still running when it was exported; pause or"
              + " finish it and export it again, so the copy does not run on by itself here.");
    }
  }

  /** The first field in which the file's event differs from the rules' one. */
  static String difference(DrillEvent expected, DrillEvent actual) {
    for (RecordComponent component : DrillEvent.class.getRecordComponents()) {
      if (component.getName().equals("data")) {
        continue;
      }
      Object want = value(component, expected);
      Object have = value(component, actual);
      if (!Objects.equals(want, have)) {
        return component.getName()
            + " is "
            + shown(have)
            + " in the file, the rules give "
            + shown(want);
      }
    }
    for (RecordComponent component : EventData.class.getRecordComponents()) {
      Object want = value(component, expected.data());
      Object have = value(component, actual.data());
      if (!Objects.equals(want, have)) {
        return "data."
            + component.getName()
            + " is "
            + shown(have)
            + " in the file, the rules give "
            + shown(want);
      }
    }
    return "it differs";
  }

  private static Object value(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String shown(Object value) {
    if (value == null) {
      return "nothing";
    }
    String text = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return text.length() > 80 ? text.substring(0, 79) + "…" : text;
  }

  private static Set<Long> teamIds(DrillArchive a) {
    Set<Long> ids = new HashSet<>();
    a.teams().stream().filter(t -> t != null && t.id() != null).forEach(t -> ids.add(t.id()));
    return ids;
  }

  private static String eventLabel(int index, EventPart e) {
    return "events[" + index + "] (seq " + e.seq() + ", " + e.type() + ")";
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "the file" : path.toString();
  }

  private static String describe(IOException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field \"" + unknown.getPropertyName() + "\".";
    }
    if (e instanceof InvalidFormatException format) {
      return shown(format.getValue())
          + " is not a valid "
          + format.getTargetType().getSimpleName()
          + ".";
    }
    if (e instanceof JsonProcessingException processing) {
      String message = processing.getOriginalMessage();
      String first = message == null ? "" : message.lines().findFirst().orElse("");
      if (first.length() > 200) {
        first = first.substring(0, 199) + "…";
      }
      var location = processing.getLocation();
      return (location == null || location.getLineNr() < 1
              ? ""
              : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ")
          + first;
    }
    return "it cannot be read.";
  }

  private static byte[] withBom(byte[] bytes) {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] all = new byte[bytes.length + 3];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(bytes, 0, all, 3, bytes.length);
    return all;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
