package io.breachdrill.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.breachdrill.report.AfterActionReport.Area;
import io.breachdrill.report.AfterActionReport.Confidence;
import io.breachdrill.report.AfterActionReport.DecisionLine;
import io.breachdrill.report.AfterActionReport.Finding;
import io.breachdrill.report.AfterActionReport.HotwashLine;
import io.breachdrill.report.AfterActionReport.Objective;
import io.breachdrill.report.AfterActionReport.ObjectiveStep;
import io.breachdrill.report.AfterActionReport.ObservationLine;
import io.breachdrill.report.AfterActionReport.PlanItem;
import io.breachdrill.report.AfterActionReport.RatingLine;
import io.breachdrill.report.AfterActionReport.StepLine;
import io.breachdrill.report.AfterActionReport.TeamSection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** The report as a PDF (from the page's own template), as Markdown and as CSV. */
final class ReportExports {

  /**
   * The CSV's columns: one row per team and playbook step, one per decision that reached a team.
   */
  static final List<String> CSV_HEADER =
      List.of(
          "record",
          "team",
          "id",
          "title",
          "phase",
          "control",
          "status",
          "reached",
          "done_at",
          "deadline",
          "time_to_decision",
          "credit",
          "weight",
          "detail");

  private ReportExports() {}

  /** Renders the XHTML of the report template to PDF; fonts are the PDF standard ones. */
  static byte[] pdf(String xhtml) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(xhtml, null);
      builder.toStream(out);
      builder.run();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String csv(AfterActionReport report) {
    Csv csv = new Csv(CSV_HEADER);
    for (TeamSection team : report.teams()) {
      for (StepLine step : team.steps()) {
        csv.row(
            List.of(
                "step",
                team.name(),
                step.id(),
                step.title(),
                step.phase(),
                step.control(),
                step.status(),
                "",
                step.performed(),
                step.deadline(),
                "",
                step.credit().toPlainString(),
                String.valueOf(step.weight()),
                step.reason()));
      }
      for (DecisionLine decision : team.decisions()) {
        csv.row(
            List.of(
                "decision",
                team.name(),
                decision.id(),
                decision.prompt(),
                "",
                "",
                decision.outcome(),
                decision.reached(),
                decision.ended(),
                "",
                decision.timeToDecision(),
                "",
                "",
                decision.by().isEmpty()
                    ? decision.rationale()
                    : decision.by() + ": " + decision.rationale()));
      }
    }
    return csv.toString();
  }

  static String markdown(AfterActionReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# After-action report: ").append(inline(r.title())).append("\n\n");
    md.append("## Exercise overview\n\n");
    md.append("- **Scenario:** ").append(inline(r.scenarioTitle())).append('\n');
    md.append("- **Status:** ").append(r.status()).append('\n');
    md.append("- **Dates:** ").append(r.started()).append(" to ").append(r.ended()).append('\n');
    md.append("- **Facilitator:** ").append(inline(r.facilitator())).append('\n');
    md.append("- **Maximum score per team:** ").append(r.maximum()).append(" points\n\n");
    md.append(inline(r.summary())).append("\n\n");
    md.append("### Participants\n\n");
    for (TeamSection team : r.teams()) {
      md.append("- **").append(inline(team.name())).append(":** ");
      md.append(
          team.members().isEmpty()
              ? "nobody joined"
              : team.members().stream()
                  .map(m -> inline(m.name()) + " (" + m.role() + ")")
                  .collect(Collectors.joining(", ")));
      md.append('\n');
    }
    md.append("\n### Objectives\n\n");
    for (Objective objective : r.objectives()) {
      md.append("**")
          .append(objective.phase())
          .append("** (")
          .append(objective.csf())
          .append(")\n\n");
      for (ObjectiveStep step : objective.steps()) {
        md.append("- ")
            .append(inline(step.title()))
            .append(" (")
            .append(step.control())
            .append(", ")
            .append(step.weight())
            .append(" points, due in ")
            .append(step.due())
            .append(")\n");
      }
      md.append('\n');
    }
    md.append("### Threat\n\n").append(inline(r.summary())).append("\n\n");
    md.append("Techniques exercised: ")
        .append(r.techniques().isEmpty() ? "none" : String.join(", ", r.techniques()))
        .append("\n\n");

    md.append("## Analysis of capabilities\n\n");
    md.append("| Team | Score | Points | With adjustments |\n|---|---|---|---|\n");
    for (TeamSection team : r.teams()) {
      md.append("| ")
          .append(cell(team.name()))
          .append(" | ")
          .append(team.percentage())
          .append(" % | ")
          .append(team.earned())
          .append(" of ")
          .append(team.maximum())
          .append(" | ")
          .append(team.adjustedPercentage())
          .append(" % |\n");
    }
    md.append('\n');
    for (TeamSection team : r.teams()) {
      md.append("### ").append(inline(team.name())).append("\n\n");
      md.append("#### By phase\n\n");
      areas(md, team.phases());
      md.append("#### By control area\n\n");
      areas(md, team.controls());
      if (!team.decisions().isEmpty()) {
        md.append(
            "#### Decisions\n\n| Decision | Outcome | Reached | Time to decide | By | Rationale |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (DecisionLine d : team.decisions()) {
          md.append("| ")
              .append(cell(d.prompt()))
              .append(" | ")
              .append(cell(d.outcome()))
              .append(" | ")
              .append(d.reached())
              .append(" | ")
              .append(d.timeToDecision())
              .append(" | ")
              .append(cell(d.by()))
              .append(" | ")
              .append(cell(d.rationale()))
              .append(" |\n");
        }
        md.append('\n');
      }
    }

    md.append("## Evaluator ratings and observations\n\n");
    for (TeamSection team : r.teams()) {
      md.append("### ").append(inline(team.name())).append("\n\n");
      if (team.ratings().isEmpty()
          && team.observations().isEmpty()
          && team.adjustments().isEmpty()) {
        md.append("No ratings or observations.\n\n");
        continue;
      }
      for (RatingLine rating : team.ratings()) {
        md.append("- Rating of ")
            .append(rating.phase())
            .append(": **")
            .append(rating.rating())
            .append("** (")
            .append(rating.label())
            .append(")");
        if (rating.note() != null && !rating.note().isBlank()) {
          md.append(": ").append(inline(rating.note()));
        }
        md.append(" (").append(inline(rating.by())).append(")\n");
      }
      for (ObservationLine o : team.observations()) {
        md.append("- Observation at ")
            .append(o.at())
            .append(": ")
            .append(inline(o.text()))
            .append(" (")
            .append(inline(o.by()))
            .append(")\n");
      }
      team.adjustments()
          .forEach(
              a ->
                  md.append("- Adjustment of ")
                      .append(a.stepId())
                      .append(": ")
                      .append(a.credit().toPlainString())
                      .append(" points, ")
                      .append(inline(a.reason()))
                      .append(" (")
                      .append(inline(a.by()))
                      .append(")\n"));
      md.append('\n');
    }

    md.append("## Hotwash\n\n");
    if (r.hotwash().answers().isEmpty()) {
      md.append("No answers.\n\n");
    } else {
      for (HotwashLine h : r.hotwash().answers()) {
        md.append("- **")
            .append(inline(h.name()))
            .append("** (")
            .append(inline(h.team()))
            .append("):");
        String separator = " ";
        for (AfterActionReport.Answer a : h.answers()) {
          md.append(separator).append(inline(a.question())).append(' ').append(inline(a.answer()));
          separator = "; ";
        }
        md.append('\n');
      }
      md.append('\n');
      if (!r.hotwash().confidence().isEmpty()) {
        md.append("| Phase | Average confidence (1 to 5) | Answers |\n|---|---|---|\n");
        for (Confidence c : r.hotwash().confidence()) {
          md.append("| ")
              .append(c.phase())
              .append(" | ")
              .append(c.average())
              .append(" | ")
              .append(c.answers())
              .append(" |\n");
        }
        md.append('\n');
      }
    }

    md.append("## Improvement plan\n\n");
    if (r.plan().isEmpty()) {
      md.append(r.finished() ? "No items.\n" : "The plan is drawn up when the drill finishes.\n");
    } else {
      md.append("| Issue | Corrective action | Control area | Owner | Due | Status |\n");
      md.append("|---|---|---|---|---|---|\n");
      for (PlanItem item : r.plan()) {
        md.append("| ")
            .append(cell(item.issue()))
            .append(" | ")
            .append(cell(item.action()))
            .append(" | ")
            .append(cell(item.control()))
            .append(" | ")
            .append(cell(item.owner()))
            .append(" | ")
            .append(item.due())
            .append(" | ")
            .append(item.statusLabel())
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static void areas(StringBuilder md, List<Area> areas) {
    for (Area area : areas) {
      md.append("- **")
          .append(area.key())
          .append("**: ")
          .append(area.percentage())
          .append(" % (")
          .append(area.earned())
          .append(" of ")
          .append(area.maximum())
          .append(")\n");
      for (String strength : area.strengths()) {
        md.append("  - Strength: ").append(inline(strength)).append('\n');
      }
      for (Finding f : area.improvements()) {
        md.append("  - Area for improvement: ")
            .append(inline(f.title()))
            .append(" (")
            .append(f.status().toLowerCase())
            .append("). ")
            .append(inline(f.reason()))
            .append('\n');
      }
    }
    md.append('\n');
  }

  /** Text on one line, with Markdown's own characters escaped so names cannot format the page. */
  static String inline(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("\\s+", " ").strip().replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
  }

  private static String cell(String text) {
    return inline(text);
  }
}
