package io.breachdrill.scenario;

import io.breachdrill.account.Roles;
import io.breachdrill.account.SignedInUser;
import io.breachdrill.account.Viewer;
import io.breachdrill.web.Conflict;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Writing a scenario in the browser: upload a file or edit the text, check it (the problems the
 * {@code validate} command reports, beside their lines, and the scenario's tests), see its preview,
 * and save it as a new version with a change note. A text with any problem or failing test is never
 * saved, so a good version is never replaced by a broken one.
 */
@Path("/scenarios/editor")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
@Produces(MediaType.TEXT_HTML)
public class ScenarioEditorResource {

  static final String CHECK = "check";
  static final String SAVE = "save";

  private final ScenarioCatalog catalog;
  private final ScenarioTestRunner runner;
  private final Viewer viewer;

  ScenarioEditorResource(ScenarioCatalog catalog, ScenarioTestRunner runner, Viewer viewer) {
    this.catalog = catalog;
    this.runner = runner;
    this.viewer = viewer;
  }

  /** One line of the text, numbered, with the problems reported at it. */
  public record Line(int number, String text, List<Problem> problems) {}

  /**
   * The editor as shown: the text and note as submitted, and after a check its numbered lines, its
   * problems (failed tests among them) and, when it is valid, its preview.
   */
  public record EditorPage(
      String text,
      String note,
      String basedOn,
      boolean checked,
      List<Problem> problems,
      List<Line> lines,
      int tests,
      ScenarioPage preview,
      String notice) {

    public boolean valid() {
      return checked && problems.isEmpty();
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance editor(EditorPage page);
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance editor(@QueryParam("from") String from) {
    if (from == null || from.isBlank()) {
      return Templates.editor(
          new EditorPage(starter(), "", null, false, List.of(), List.of(), 0, null, null));
    }
    ScenarioFile file = catalog.require(from);
    return Templates.editor(
        new EditorPage(file.text(), "", from, false, List.of(), List.of(), 0, null, null));
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(hidden = true)
  public Response submit(
      @RestForm String text,
      @RestForm("file") FileUpload upload,
      @RestForm String note,
      @RestForm("based-on") String basedOn,
      @RestForm String action) {
    SubmittedText submitted = SubmittedText.of(text, upload);
    ScenarioFile file = submitted.read();
    List<Problem> problems = new ArrayList<>(file.problems());
    int tests = 0;
    if (file.valid()) {
      for (ScenarioTest test : file.tests()) {
        problems.addAll(runner.run(file.scenario(), test));
        tests++;
      }
    }
    String shown =
        file.text() == null ? new String(submitted.bytes(), StandardCharsets.UTF_8) : file.text();
    String cleanNote = note == null ? "" : note.strip();
    String notice = null;
    int status = problems.isEmpty() ? 200 : 400;
    if (SAVE.equals(action)) {
      if (!problems.isEmpty()) {
        notice =
            "Not saved: fix the "
                + problems.size()
                + (problems.size() == 1 ? " problem" : " problems")
                + " below first. The current version stays as it was.";
      } else if (cleanNote.isEmpty() || cleanNote.length() > ScenarioVersion.MAX_NOTE) {
        notice =
            "Not saved: say what changed and why in the change note (1 to "
                + ScenarioVersion.MAX_NOTE
                + " characters).";
        status = 400;
      } else {
        try {
          ScenarioVersion saved = catalog.save(file, author(), cleanNote);
          return Response.seeOther(
                  URI.create(
                      "/scenarios/" + saved.scenarioId + "/versions?saved=" + saved.shortHash()))
              .build();
        } catch (Conflict e) {
          notice = e.getMessage();
          status = 409;
        }
      }
    }
    ScenarioPage preview =
        problems.isEmpty() ? ScenarioPage.of(file.scenario(), file.sha256()) : null;
    EditorPage page =
        new EditorPage(
            shown,
            cleanNote,
            basedOn,
            true,
            List.copyOf(problems),
            lines(shown, problems),
            tests,
            preview,
            notice);
    return Response.status(status).entity(Templates.editor(page)).build();
  }

  private String author() {
    SignedInUser user = viewer.requireUser();
    return user.displayName() + " <" + user.email() + ">";
  }

  /** Problems without a line of their own (such as an empty file) go with line 1. */
  static List<Line> lines(String text, List<Problem> problems) {
    List<String> texts = text.lines().toList();
    List<Line> lines = new ArrayList<>();
    int count = Math.max(texts.size(), 1);
    for (int i = 0; i < count; i++) {
      int number = i + 1;
      boolean last = number == count;
      List<Problem> here =
          problems.stream().filter(p -> p.line() == number || (last && p.line() > count)).toList();
      lines.add(new Line(number, i < texts.size() ? texts.get(i) : "", here));
    }
    return lines;
  }

  private static String starter() {
    try (InputStream in =
        ScenarioEditorResource.class.getResourceAsStream("/scenario-starter.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
