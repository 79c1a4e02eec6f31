package io.breachdrill.scenario;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Turns the bytes of one scenario file into a {@link ScenarioFile}; never throws on bad input. */
public final class ScenarioReader {

  public static final int MAX_BYTES = 1024 * 1024;

  private ScenarioReader() {}

  public static ScenarioFile read(String path, byte[] bytes) {
    return read(path, bytes, true);
  }

  /**
   * Like {@link #read(String, byte[])} but without the content hash ({@code sha256} is empty): for
   * {@code validate}, which never stores a version, and whose single cold run the hash slowed.
   */
  public static ScenarioFile check(String path, byte[] bytes) {
    return read(path, bytes, false);
  }

  private static ScenarioFile read(String path, byte[] bytes, boolean hashed) {
    if (bytes.length > MAX_BYTES) {
      return tooLarge(path, bytes.length);
    }
    String hash = hashed ? sha256(bytes) : "";
    int nul = indexOfNul(bytes);
    if (nul >= 0) {
      return rejected(
          path,
          hash,
          "this is not a text file: it holds a NUL byte (binary content)",
          positionOf(bytes, nul));
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult decoded =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(in, out, true);
    if (decoded.isError()) {
      return rejected(
          path,
          hash,
          "this is not UTF-8 text; save the file as UTF-8",
          positionOf(bytes, in.position()));
    }
    String text = out.flip().toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      return rejected(
          path, hash, "the file is empty; " + ScenarioParser.NEEDS_AT_LEAST, Position.START);
    }
    ScenarioParser.Result parsed = ScenarioParser.parse(path, text);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    if (parsed.scenario() != null) {
      problems.addAll(ScenarioValidator.validate(path, parsed));
    }
    if (problems.isEmpty()) {
      problems.addAll(ScenarioTestCheck.check(parsed.scenario(), parsed.tests()));
    }
    problems.sort(null);
    if (!problems.isEmpty()) {
      return ScenarioFile.rejected(path, hash, text, problems);
    }
    return new ScenarioFile(path, hash, text, parsed.scenario(), List.of(), parsed.tests());
  }

  /**
   * The scenario file with the tests of its sibling test file added, or rejected with the test
   * file's problems: a scenario is never loaded with tests that cannot be read.
   */
  public static ScenarioFile withTests(ScenarioFile file, String testPath, byte[] bytes) {
    if (!file.valid()) {
      return file;
    }
    List<Problem> problems = new ArrayList<>();
    List<ScenarioTest> tests = List.of();
    if (bytes.length > MAX_BYTES) {
      problems.add(tooLarge(testPath, bytes.length).problems().get(0));
    } else {
      ScenarioParser.Result parsed = ScenarioParser.parseTests(testPath, decodeTests(bytes));
      problems.addAll(parsed.problems());
      tests = parsed.tests();
    }
    List<ScenarioTest> all = new ArrayList<>(file.tests());
    all.addAll(tests);
    if (problems.isEmpty()) {
      problems.addAll(ScenarioTestCheck.check(file.scenario(), all));
    }
    if (!problems.isEmpty()) {
      problems.sort(null);
      return ScenarioFile.rejected(file.path(), file.sha256(), file.text(), problems);
    }
    return new ScenarioFile(
        file.path(), file.sha256(), file.text(), file.scenario(), List.of(), all);
  }

  private static String decodeTests(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Refused before reading, so a huge file is never held in memory whole. */
  public static ScenarioFile tooLarge(String path, long size) {
    return rejected(
        path,
        "",
        "the file is "
            + size
            + " bytes; scenario files are limited to "
            + MAX_BYTES
            + " bytes (1 MiB)",
        Position.START);
  }

  private static ScenarioFile rejected(String path, String hash, String message, Position at) {
    return ScenarioFile.rejected(path, hash, null, List.of(Problem.at(path, at, message)));
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Line and column (in characters, counting a multi-byte character once) of a byte offset. */
  private static Position positionOf(byte[] bytes, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xC0) != 0x80) {
        column++;
      }
    }
    return new Position(line, column);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
