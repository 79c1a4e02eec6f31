package io.breachdrill.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A scenario as the editor's form sends it: an uploaded file (its own name and bytes) or else the
 * text area, whose line breaks browsers send as CRLF and which is named after its {@code id:}.
 */
public record SubmittedText(String name, byte[] bytes) {

  private static final Pattern ID_LINE = Pattern.compile("(?m)^id:[ \\t]*([a-z0-9-]+)[ \\t]*$");

  public static SubmittedText of(String text, FileUpload upload) {
    if (upload != null && upload.size() > 0) {
      try {
        return new SubmittedText(
            baseName(upload.fileName()), Files.readAllBytes(upload.uploadedFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String submitted = text == null ? "" : text.replace("\r\n", "\n");
    Matcher id = ID_LINE.matcher(submitted);
    String name = id.find() ? id.group(1) + ".yaml" : "scenario.yaml";
    return new SubmittedText(name, submitted.getBytes(StandardCharsets.UTF_8));
  }

  public ScenarioFile read() {
    return ScenarioReader.read(name, bytes);
  }

  private static String baseName(String fileName) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    return name.isEmpty() ? "upload.yaml" : name;
  }
}
