package io.breachdrill.scenario;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.breachdrill.account.Roles;
import io.breachdrill.web.Invalid;
import io.breachdrill.web.Missing;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A scenario's history: every version (from the folder or saved in the browser, with author, time
 * and change note), each viewable as it was, and any two compared as a diff.
 */
@Path("/scenarios/{id}")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
@Produces(MediaType.TEXT_HTML)
public class ScenarioVersionResource {

  static final int CONTEXT_LINES = 3;

  private final ScenarioCatalog catalog;

  ScenarioVersionResource(ScenarioCatalog catalog) {
    this.catalog = catalog;
  }

  /** One version as the history lists it, numbered from 1 in the order they were recorded. */
  public record VersionRow(
      int number,
      long id,
      String hash,
      String origin,
      String author,
      Instant at,
      String note,
      boolean current) {

    /** A draft, kept only for a dry run from the editor, has no number in the history. */
    public String label() {
      return (number == 0 ? "draft" : "v" + number) + " (" + hash + ")";
    }
  }

  public record History(String scenarioId, String title, List<VersionRow> versions, String saved) {

    /** The compare form starts with the last two versions. */
    public long olderChoice() {
      return versions.get(Math.max(versions.size() - 2, 0)).id();
    }

    public long newerChoice() {
      return versions.get(versions.size() - 1).id();
    }
  }

  public record VersionPage(
      String scenarioId,
      String title,
      VersionRow version,
      List<ScenarioEditorResource.Line> lines) {}

  /** A line of a unified diff: a hunk header, context, or a line only one side has. */
  public record DiffLine(String kind, Integer oldNumber, Integer newNumber, String text) {}

  public record DiffPage(
      String scenarioId,
      String title,
      List<VersionRow> versions,
      VersionRow from,
      VersionRow to,
      List<DiffLine> lines,
      int added,
      int removed) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance versions(History history);

    static native TemplateInstance version(VersionPage page);

    static native TemplateInstance diff(DiffPage page);
  }

  @GET
  @Path("versions")
  @Operation(hidden = true)
  public TemplateInstance versions(@PathParam("id") String id, @QueryParam("saved") String saved) {
    List<ScenarioVersion> history = history(id);
    return Templates.versions(
        new History(id, history.get(history.size() - 1).title, rows(id, history), saved));
  }

  @GET
  @Path("versions/{version}")
  @Operation(hidden = true)
  public TemplateInstance version(
      @PathParam("id") String id, @PathParam("version") long versionId) {
    ScenarioVersion draft = ScenarioVersion.findById(versionId);
    if (draft != null && draft.draft() && draft.scenarioId.equals(id)) {
      VersionRow row =
          new VersionRow(
              0,
              draft.id,
              draft.shortHash(),
              draft.origin,
              draft.author,
              draft.loadedAt,
              null,
              false);
      return Templates.version(
          new VersionPage(
              id, draft.title, row, ScenarioEditorResource.lines(draft.source, List.of())));
    }
    List<ScenarioVersion> history = history(id);
    List<VersionRow> rows = rows(id, history);
    int index = indexOf(history, versionId);
    ScenarioVersion version = history.get(index);
    return Templates.version(
        new VersionPage(
            id,
            version.title,
            rows.get(index),
            ScenarioEditorResource.lines(version.source, List.of())));
  }

  @GET
  @Path("diff")
  @Operation(hidden = true)
  public TemplateInstance diff(
      @PathParam("id") String id, @QueryParam("from") Long from, @QueryParam("to") Long to) {
    List<ScenarioVersion> history = history(id);
    List<VersionRow> rows = rows(id, history);
    if (history.size() < 2 && (from == null || to == null)) {
      throw new Invalid("Scenario '" + id + "' has only one version; there is nothing to compare.");
    }
    int fromIndex = from == null ? history.size() - 2 : indexOf(history, from);
    int toIndex = to == null ? history.size() - 1 : indexOf(history, to);
    List<String> before = history.get(fromIndex).source.lines().toList();
    List<String> after = history.get(toIndex).source.lines().toList();
    Patch<String> patch = DiffUtils.diff(before, after);
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(
            rows.get(fromIndex).label(), rows.get(toIndex).label(), before, patch, CONTEXT_LINES);
    List<DiffLine> lines = diffLines(unified);
    int added = (int) lines.stream().filter(l -> l.kind().equals("added")).count();
    int removed = (int) lines.stream().filter(l -> l.kind().equals("removed")).count();
    return Templates.diff(
        new DiffPage(
            id,
            history.get(toIndex).title,
            rows,
            rows.get(fromIndex),
            rows.get(toIndex),
            lines,
            added,
            removed));
  }

  /** The unified diff's lines after its two file headers, numbered on each side. */
  static List<DiffLine> diffLines(List<String> unified) {
    List<DiffLine> lines = new ArrayList<>();
    int oldLine = 0;
    int newLine = 0;
    for (String line : unified.subList(Math.min(2, unified.size()), unified.size())) {
      if (line.startsWith("@@")) {
        String[] parts = line.split(" ");
        oldLine = start(parts[1]);
        newLine = start(parts[2]);
        lines.add(new DiffLine("hunk", null, null, line));
      } else if (line.startsWith("+")) {
        lines.add(new DiffLine("added", null, newLine++, line.substring(1)));
      } else if (line.startsWith("-")) {
        lines.add(new DiffLine("removed", oldLine++, null, line.substring(1)));
      } else {
        lines.add(
            new DiffLine("context", oldLine++, newLine++, line.isEmpty() ? "" : line.substring(1)));
      }
    }
    return lines;
  }

  private static int start(String range) {
    String digits = range.substring(1);
    int comma = digits.indexOf(',');
    int start = Integer.parseInt(comma < 0 ? digits : digits.substring(0, comma));
    return Math.max(start, 1);
  }

  private static List<ScenarioVersion> history(String id) {
    List<ScenarioVersion> history = ScenarioVersion.history(id);
    if (history.isEmpty()) {
      throw new Missing("There is no scenario '" + id + "' with any recorded version.");
    }
    return history;
  }

  private static int indexOf(List<ScenarioVersion> history, long versionId) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).id == versionId) {
        return i;
      }
    }
    throw new Missing(
        "Scenario '" + history.get(0).scenarioId + "' has no version " + versionId + ".");
  }

  private List<VersionRow> rows(String id, List<ScenarioVersion> history) {
    String currentHash = catalog.file(id).map(ScenarioFile::sha256).orElse(null);
    List<VersionRow> rows = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      ScenarioVersion v = history.get(i);
      rows.add(
          new VersionRow(
              i + 1,
              v.id,
              v.shortHash(),
              v.origin,
              Optional.ofNullable(v.author).orElse(""),
              v.loadedAt,
              v.changeNote,
              v.contentHash.equals(currentHash)));
    }
    return rows;
  }
}
