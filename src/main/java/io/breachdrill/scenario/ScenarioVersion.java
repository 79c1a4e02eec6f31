package io.breachdrill.scenario;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One exact text of a scenario, kept so drills can freeze the version they ran: read from the
 * scenarios folder, or saved in the browser by an author with a change note.
 */
@Entity
@Table(name = "scenario_version")
public class ScenarioVersion extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scenario_version_seq")
  @SequenceGenerator(
      name = "scenario_version_seq",
      sequenceName = "scenario_version_seq",
      allocationSize = 50)
  public Long id;

  @Column(name = "scenario_id", nullable = false, length = 100)
  public String scenarioId;

  @Column(name = "content_hash", nullable = false, length = 64)
  public String contentHash;

  @Column(nullable = false, length = 500)
  public String title;

  @Column(name = "file_name", nullable = false, length = 500)
  public String fileName;

  @Column(nullable = false, length = ScenarioReader.MAX_BYTES)
  public String source;

  @Column(name = "loaded_at", nullable = false)
  public Instant loadedAt;

  /**
   * {@value #FOLDER}, {@value #BROWSER}, {@value #IMPORTED} (with a drill from another
   * installation) or {@value #DRAFT} (kept only for a dry run from the editor): where the text came
   * from. Only the first two make a version current, and drafts are left out of the history.
   */
  @Column(nullable = false, length = 20)
  public String origin = FOLDER;

  /** Who saved it in the browser; null for a file of the scenarios folder. */
  @Column(length = 200)
  public String author;

  @Column(name = "change_note", length = 500)
  public String changeNote;

  public static final String FOLDER = "folder";
  public static final String BROWSER = "browser";
  public static final String IMPORTED = "import";
  public static final String DRAFT = "draft";
  public static final int MAX_NOTE = 500;

  public String shortHash() {
    return contentHash.substring(0, 12);
  }

  /** Every version of a scenario, oldest first: its history as the versions page numbers it. */
  public static List<ScenarioVersion> history(String scenarioId) {
    return list("scenarioId = ?1 and origin <> ?2 order by loadedAt, id", scenarioId, DRAFT);
  }

  /** The latest version saved in the browser of each scenario that has one. */
  static List<ScenarioVersion> latestSaved() {
    return list(
        "from ScenarioVersion s where s.origin = ?1 and s.loadedAt = (select max(v.loadedAt)"
            + " from ScenarioVersion v where v.scenarioId = s.scenarioId and v.origin = ?1)"
            + " order by s.scenarioId",
        BROWSER);
  }

  static ScenarioVersion record(
      ScenarioFile file, String origin, String author, String note, Instant now) {
    ScenarioVersion version = new ScenarioVersion();
    version.scenarioId = file.scenario().id();
    version.contentHash = file.sha256();
    version.title = file.scenario().title();
    version.fileName = file.path();
    version.source = file.text();
    version.loadedAt = now;
    version.origin = origin;
    version.author = author;
    version.changeNote = note;
    version.persist();
    return version;
  }

  /** A draft saved after all: it becomes a version of the history, recorded now. */
  static ScenarioVersion promote(long id, String author, String note, Instant now) {
    ScenarioVersion version = findById(id);
    version.origin = BROWSER;
    version.author = author;
    version.changeNote = note;
    version.loadedAt = now;
    return version;
  }

  public boolean draft() {
    return DRAFT.equals(origin);
  }

  public static Optional<ScenarioVersion> findVersion(String scenarioId, String contentHash) {
    return find("scenarioId = ?1 and contentHash = ?2", scenarioId, contentHash)
        .firstResultOptional();
  }

  /**
   * This exact version if it is known, else the given text stored as a new one: for a drill brought
   * from another installation, whose caller has checked that the text validates and has this hash.
   */
  public static ScenarioVersion findOrStore(
      String scenarioId,
      String contentHash,
      String title,
      String fileName,
      String source,
      Instant now) {
    return findVersion(scenarioId, contentHash)
        .orElseGet(
            () -> {
              ScenarioVersion version = new ScenarioVersion();
              version.scenarioId = scenarioId;
              version.contentHash = contentHash;
              version.title = title;
              version.fileName = fileName;
              version.source = source;
              version.loadedAt = now;
              version.origin = IMPORTED;
              version.persist();
              return version;
            });
  }

  /** Stores the file's text unless this exact version is already known. */
  static ScenarioVersion recordIfNew(ScenarioFile file, Instant now) {
    Scenario scenario = file.scenario();
    return findVersion(scenario.id(), file.sha256())
        .orElseGet(
            () -> {
              ScenarioVersion version = new ScenarioVersion();
              version.scenarioId = scenario.id();
              version.contentHash = file.sha256();
              version.title = scenario.title();
              version.fileName = file.path();
              version.source = file.text();
              version.loadedAt = now;
              version.persist();
              return version;
            });
  }
}
