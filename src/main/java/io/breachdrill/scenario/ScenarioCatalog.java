package io.breachdrill.scenario;

import io.breachdrill.web.Conflict;
import io.breachdrill.web.Missing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The scenario library: the valid files of the scenarios folder, each version also recorded in the
 * database, and the scenarios saved in the browser. Files with problems are kept out whole and
 * listed with their problems. The folder is read again when its files change, and the saved
 * versions looked up again, so facilitators see an edit on any node without a restart. Where the
 * folder and the browser both hold a scenario id, the newer version is current.
 */
@ApplicationScoped
public class ScenarioCatalog {

  private static final Logger LOG = Logger.getLogger(ScenarioCatalog.class);

  private final ScenarioConfig config;
  private final InstantSource clock;
  private volatile List<ScenarioFile> files = List.of();
  private volatile List<ScenarioFile> library = List.of();
  private volatile Map<String, Instant> folderVersionTimes = Map.of();
  private volatile List<Saved> saved = List.of();
  private final Map<Long, ScenarioFile> savedFiles = new ConcurrentHashMap<>();
  private volatile List<String> fingerprint = List.of();
  private volatile Instant lastLook = Instant.MIN;
  private volatile boolean firstReadDone;

  ScenarioCatalog(ScenarioConfig config, InstantSource clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Reads the library off the start-up path, so a node is ready sooner; a request that needs the
   * library before that read has finished waits for it.
   */
  void onStart(@Observes StartupEvent event) {
    Thread loader =
        new Thread(
            () -> {
              try {
                loadOnce();
              } catch (RuntimeException e) {
                LOG.error("Reading the scenario library failed; the first use reads it again", e);
              }
            },
            "scenario-library-load");
    loader.setDaemon(true);
    loader.start();
  }

  private synchronized void loadOnce() {
    if (!firstReadDone) {
      reload();
    }
  }

  /** Reads the folder again; versions not seen before are stored. */
  public synchronized void reload() {
    Path dir = config.dir();
    lastLook = clock.instant();
    if (!Files.isDirectory(dir)) {
      LOG.warnf("Scenario folder %s does not exist; the library is empty", dir.toAbsolutePath());
    }
    List<Path> paths = list(dir);
    List<String> seen = fingerprint(paths);
    List<ScenarioFile> loaded = ScenarioLoader.readAll(paths);
    Map<String, Instant> times = new HashMap<>();
    for (ScenarioFile file : loaded) {
      if (file.valid()) {
        times.put(file.scenario().id(), record(file));
      } else {
        file.problems().forEach(p -> LOG.warn(p.format()));
      }
    }
    files = loaded;
    folderVersionTimes = Map.copyOf(times);
    fingerprint = seen;
    saved = lookUpSaved();
    library = merge();
    firstReadDone = true;
    LOG.infof(
        "Scenario library: %d valid, %d rejected, from %s",
        loaded.stream().filter(ScenarioFile::valid).count(),
        loaded.stream().filter(f -> !f.valid()).count(),
        dir.toAbsolutePath());
  }

  /**
   * Records the file's version and answers when it was first recorded. Another node starting at the
   * same time may record the same version first; that is fine.
   */
  private Instant record(ScenarioFile file) {
    try {
      return QuarkusTransaction.requiringNew()
          .call(() -> ScenarioVersion.recordIfNew(file, clock.instant()).loadedAt);
    } catch (RuntimeException e) {
      return QuarkusTransaction.requiringNew()
          .call(() -> ScenarioVersion.findVersion(file.scenario().id(), file.sha256()))
          .map(v -> v.loadedAt)
          .orElseThrow(() -> e);
    }
  }

  /** A version saved in the browser, read back as a file. */
  private record Saved(long versionId, Instant savedAt, ScenarioFile file) {}

  private List<Saved> lookUpSaved() {
    List<Saved> found = new ArrayList<>();
    for (ScenarioVersion version :
        QuarkusTransaction.requiringNew().call(ScenarioVersion::latestSaved)) {
      ScenarioFile file =
          savedFiles.computeIfAbsent(
              version.id,
              id ->
                  ScenarioReader.read(
                      version.fileName, version.source.getBytes(StandardCharsets.UTF_8)));
      found.add(new Saved(version.id, version.loadedAt, file));
    }
    savedFiles.keySet().retainAll(found.stream().map(Saved::versionId).toList());
    return List.copyOf(found);
  }

  /**
   * The folder's files, each replaced by a newer browser save of its id, then the other saves. A
   * save this version of the app no longer accepts is listed with its problems, like a bad file.
   */
  private List<ScenarioFile> merge() {
    Map<String, Saved> newerSaves = new HashMap<>();
    List<ScenarioFile> unreadable = new ArrayList<>();
    for (Saved save : saved) {
      if (!save.file().valid()) {
        unreadable.add(save.file());
        continue;
      }
      Instant folderTime = folderVersionTimes.get(save.file().scenario().id());
      if (folderTime == null || save.savedAt().isAfter(folderTime)) {
        newerSaves.put(save.file().scenario().id(), save);
      }
    }
    List<ScenarioFile> merged = new ArrayList<>();
    for (ScenarioFile file : files) {
      Saved newer = file.valid() ? newerSaves.remove(file.scenario().id()) : null;
      merged.add(newer == null ? file : newer.file());
    }
    newerSaves.values().forEach(s -> merged.add(s.file()));
    merged.addAll(unreadable);
    return List.copyOf(merged);
  }

  /**
   * Stores a valid text as the scenario's newest version, saved by {@code author} with a note, and
   * makes it current at once on this node (others see it at their next look).
   */
  public ScenarioVersion save(ScenarioFile file, String author, String note) {
    if (!file.valid()) {
      throw new IllegalArgumentException("only a valid scenario file is saved");
    }
    String id = file.scenario().id();
    Optional<ScenarioVersion> same =
        QuarkusTransaction.requiringNew()
            .call(() -> ScenarioVersion.findVersion(id, file.sha256()));
    if (same.isPresent() && same.get().draft()) {
      ScenarioVersion promoted =
          QuarkusTransaction.requiringNew()
              .call(() -> ScenarioVersion.promote(same.get().id, author, note, clock.instant()));
      refreshSaved();
      return promoted;
    }
    if (same.isPresent()) {
      throw new Conflict(
          "Nothing to save: this exact text of '"
              + id
              + "' is already version "
              + same.get().shortHash()
              + " of "
              + same.get().loadedAt
              + ". Change something, or run drills on that version as it is.");
    }
    ScenarioVersion version =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ScenarioVersion.record(
                        file, ScenarioVersion.BROWSER, author, note, clock.instant()));
    refreshSaved();
    return version;
  }

  /**
   * A valid text kept only so a facilitator can dry-run it before saving: the version of that exact
   * text if there is one, else a draft, which never becomes current and is left out of the
   * scenario's history until it is saved.
   */
  public ScenarioVersion draft(ScenarioFile file, String author) {
    if (!file.valid()) {
      throw new IllegalArgumentException("only a valid scenario file is dry-run");
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ScenarioVersion.findVersion(file.scenario().id(), file.sha256())
                    .orElseGet(
                        () ->
                            ScenarioVersion.record(
                                file, ScenarioVersion.DRAFT, author, null, clock.instant())));
  }

  private synchronized void refreshSaved() {
    saved = lookUpSaved();
    library = merge();
  }

  private void refreshIfChanged() {
    Instant now = clock.instant();
    if (now.isBefore(lastLook.plus(config.refreshInterval()))) {
      return;
    }
    lastLook = now;
    if (!fingerprint(list(config.dir())).equals(fingerprint)) {
      reload();
    } else {
      refreshSaved();
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try {
      return ScenarioLoader.scenarioFiles(dir);
    } catch (IOException e) {
      LOG.errorf(e, "Cannot list scenario folder %s", dir.toAbsolutePath());
      return List.of();
    }
  }

  /** Name, size and modification time of every scenario file: cheap to take on each look. */
  private static List<String> fingerprint(List<Path> files) {
    List<String> marks = new ArrayList<>();
    for (Path file : files) {
      try {
        marks.add(file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis());
      } catch (IOException e) {
        marks.add(file + ": unreadable");
      }
    }
    return marks;
  }

  private List<ScenarioFile> files() {
    if (!firstReadDone) {
      loadOnce();
    }
    refreshIfChanged();
    return library;
  }

  public List<Scenario> scenarios() {
    return files().stream()
        .filter(ScenarioFile::valid)
        .map(ScenarioFile::scenario)
        .sorted(Comparator.comparing(Scenario::title))
        .toList();
  }

  public Optional<Scenario> find(String id) {
    return file(id).map(ScenarioFile::scenario);
  }

  public Optional<ScenarioFile> file(String id) {
    return files().stream().filter(f -> f.valid() && f.scenario().id().equals(id)).findFirst();
  }

  /** The valid file of a scenario, or a 404 that names it. */
  public ScenarioFile require(String id) {
    return file(id)
        .orElseThrow(() -> new Missing("There is no scenario '" + id + "' in the library."));
  }

  /**
   * The stored version of a scenario's current file, for a drill to freeze; a 404 that names the
   * scenario when the library has no valid file for it.
   */
  public ScenarioVersion currentVersion(String id) {
    ScenarioFile file = require(id);
    record(file);
    return ScenarioVersion.findVersion(id, file.sha256()).orElseThrow();
  }

  public List<ScenarioFile> rejected() {
    return files().stream().filter(f -> !f.valid()).toList();
  }
}
