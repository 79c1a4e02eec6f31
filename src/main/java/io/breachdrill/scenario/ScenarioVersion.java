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
import java.util.Optional;

/** One exact text of a scenario file, kept so drills can freeze the version they ran. */
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

  public static Optional<ScenarioVersion> findVersion(String scenarioId, String contentHash) {
    return find("scenarioId = ?1 and contentHash = ?2", scenarioId, contentHash)
        .firstResultOptional();
  }

  public static Optional<ScenarioVersion> latest(String scenarioId) {
    return find("scenarioId = ?1 order by loadedAt desc, id desc", scenarioId)
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
