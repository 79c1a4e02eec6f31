package io.breachdrill.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.scenario.Phase;
import io.breachdrill.scoring.StepResult;
import io.breachdrill.scoring.StepStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export formats' own rules, without the app: CSV quoting, Markdown escaping, reasons. */
class ReportExportsTest {

  @Test
  void csvFieldsAreQuotedOnlyWhenTheyMustBeAndNeverRunAsFormulas() {
    assertThat(Csv.field("plain")).isEqualTo("plain");
    assertThat(Csv.field("a, b")).isEqualTo("\"a, b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.field("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    assertThat(Csv.field("-2.500")).isEqualTo("-2.500");
    assertThat(Csv.field(null)).isEmpty();
    assertThat(CsvReader.parse("a,\"b, \"\"c\"\"\",\"d\r\ne\"\r\n1,2,3\r\n"))
        .containsExactly(List.of("a", "b, \"c\"", "d\r\ne"), List.of("1", "2", "3"));
  }

  @Test
  void markdownTextCannotFormatTheReport() {
    assertThat(ReportExports.inline("Team *Red* | <b>#1</b>\nsecond line"))
        .isEqualTo("Team \\*Red\\* \\| \\<b\\>\\#1\\</b\\> second line");
  }

  @Test
  void everyAreaForImprovementSaysWhy() {
    assertThat(Reports.reason(step(StepStatus.MISSED, null, "0.000"), true))
        .isEqualTo("Not done by the end of the drill; it was due by 0:15:00.");
    assertThat(Reports.reason(step(StepStatus.MISSED, null, "0.000"), false))
        .isEqualTo("Not done so far; it was due by 0:15:00.");
    assertThat(Reports.reason(step(StepStatus.LATE, 1_200_000L, "7.500"), true))
        .isEqualTo(
            "Done at 0:20:00, 0:05:00 after its deadline of 0:15:00; earned 7.500 of 10 points.");
    StepResult harmed =
        new StepResult(
            "s",
            "Step",
            Phase.CONTAIN,
            "identity-mfa",
            10,
            StepStatus.HARMED,
            0,
            900_000L,
            null,
            null,
            null,
            "first-move",
            "watch",
            new BigDecimal("-10.000"));
    assertThat(Reports.reason(harmed, true))
        .isEqualTo("Worked against by decision first-move (option watch); -10.000 points.");
  }

  @Test
  void thePdfIsARealPdf() {
    byte[] pdf =
        ReportExports.pdf(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>Blue: 2.9 %</h1></body></html>");
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  private static StepResult step(StepStatus status, Long performedMs, String credit) {
    return new StepResult(
        "s",
        "Step",
        Phase.CONTAIN,
        "identity-mfa",
        10,
        status,
        0,
        900_000L,
        performedMs,
        performedMs == null ? null : "d",
        performedMs == null ? null : "o",
        null,
        null,
        new BigDecimal(credit));
  }
}
