package io.breachdrill.scenario;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads scenario files from files and folders, one library: scenario ids must be unique in it. */
public final class ScenarioLoader {

  private static final Pattern ID_LINE = Pattern.compile("(?m)^id:[ \\t]*");

  private ScenarioLoader() {}

  public static boolean isScenarioFile(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path)
        && (name.endsWith(".yaml") || name.endsWith(".yml"))
        && !isTestFile(path);
  }

  /** A sibling {@code <id>.test.yaml} holds tests of the scenario with that id, not a scenario. */
  public static boolean isTestFile(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(".test.yaml") || name.endsWith(".test.yml");
  }

  /** The scenario file a test file belongs to: {@code <id>.yaml} or {@code <id>.yml} beside it. */
  public static Optional<Path> scenarioOf(Path testFile) {
    String id = testedId(testFile);
    return Stream.of(id + ".yaml", id + ".yml")
        .map(testFile::resolveSibling)
        .filter(Files::isRegularFile)
        .findFirst();
  }

  /**
   * Scenario files under a folder (recursively, skipping hidden folders such as .github), or the
   * file itself, in path order.
   */
  public static List<Path> scenarioFiles(Path fileOrFolder) throws IOException {
    if (!Files.isDirectory(fileOrFolder)) {
      return List.of(fileOrFolder);
    }
    try (Stream<Path> walk = Files.walk(fileOrFolder)) {
      return walk.filter(p -> !hidden(fileOrFolder.relativize(p)))
          .filter(ScenarioLoader::isScenarioFile)
          .sorted()
          .toList();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** The sibling test files under a folder, as {@link #scenarioFiles} finds scenario files. */
  public static List<Path> testFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> !hidden(folder.relativize(p)))
          .filter(p -> Files.isRegularFile(p) && isTestFile(p))
          .sorted()
          .toList();
    }
  }

  /** The scenario id a test file names: {@code <id>.test.yaml}. */
  static String testedId(Path testFile) {
    String name = testFile.getFileName().toString();
    return name.substring(0, name.lastIndexOf(".test."));
  }

  public static ScenarioFile read(Path file) {
    return read(file, true);
  }

  private static ScenarioFile read(Path file, boolean hashed) {
    ScenarioFile read = readScenario(file, hashed);
    if (!read.valid()) {
      return read;
    }
    String id = read.scenario().id();
    for (String name : List.of(id + ".test.yaml", id + ".test.yml")) {
      Path tests = file.resolveSibling(name);
      if (Files.isRegularFile(tests)) {
        try {
          read = ScenarioReader.withTests(read, tests.toString(), Files.readAllBytes(tests));
        } catch (IOException e) {
          Problem problem =
              new Problem(tests.toString(), 1, 1, "cannot read the file: " + e.getMessage());
          return ScenarioFile.rejected(read.path(), read.sha256(), read.text(), List.of(problem));
        }
      }
    }
    return read;
  }

  private static ScenarioFile readScenario(Path file, boolean hashed) {
    try {
      long size = Files.size(file);
      if (size > ScenarioReader.MAX_BYTES) {
        return ScenarioReader.tooLarge(file.toString(), size);
      }
      byte[] bytes = Files.readAllBytes(file);
      return hashed
          ? ScenarioReader.read(file.toString(), bytes)
          : ScenarioReader.check(file.toString(), bytes);
    } catch (IOException e) {
      String reason =
          e instanceof AccessDeniedException
              ? "permission denied"
              : e instanceof NoSuchFileException ? "it does not exist" : e.getMessage();
      Problem problem = new Problem(file.toString(), 1, 1, "cannot read the file: " + reason);
      return ScenarioFile.rejected(file.toString(), "", null, List.of(problem));
    }
  }

  /** Reads every file; a scenario id already used by an earlier file rejects the later one. */
  public static List<ScenarioFile> readAll(List<Path> files) {
    return readAll(files, true);
  }

  /** {@link #readAll} without content hashes, for checking files only. */
  public static List<ScenarioFile> checkAll(List<Path> files) {
    return readAll(files, false);
  }

  private static List<ScenarioFile> readAll(List<Path> files, boolean hashed) {
    Map<String, String> firstFileById = new HashMap<>();
    List<ScenarioFile> result = new ArrayList<>();
    for (Path path : files) {
      ScenarioFile file = read(path, hashed);
      if (file.valid()) {
        String id = file.scenario().id();
        String first = firstFileById.putIfAbsent(id, file.path());
        if (first != null) {
          Problem duplicate =
              Problem.at(
                  file.path(),
                  idPosition(file.text()),
                  "scenario id '"
                      + id
                      + "' is already used by "
                      + first
                      + "; every scenario in a library needs its own id");
          file = ScenarioFile.rejected(file.path(), file.sha256(), file.text(), List.of(duplicate));
        }
      }
      result.add(file);
    }
    return result;
  }

  private static Position idPosition(String text) {
    Matcher m = ID_LINE.matcher(text);
    if (!m.find()) {
      return Position.START;
    }
    int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
    return new Position(line, m.end() - m.start() + 1);
  }
}
