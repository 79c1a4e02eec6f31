package io.breachdrill.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The phases of reading one scenario file, timed one by one (in the app's package, to reach the
 * package-private parser and validator): hashing, decoding, composing the YAML node tree alone,
 * parsing (compose again plus building the model), validating. Parse includes its own compose, so
 * the model building costs parse minus compose.
 */
public final class ValidatePhases {

  public static final List<String> NAMES =
      List.of("sha256", "decode", "yaml compose", "parse (compose+model)", "validate");

  private ValidatePhases() {}

  /** Nanoseconds per phase, in the order of {@link #NAMES}; throws if the file is not valid. */
  public static long[] time(String path, byte[] bytes) {
    long[] nanos = new long[NAMES.size()];
    long t0 = System.nanoTime();
    ScenarioReader.sha256(bytes);
    long t1 = System.nanoTime();
    String text = new String(bytes, StandardCharsets.UTF_8);
    long t2 = System.nanoTime();
    LoadSettings settings =
        LoadSettings.builder().setLabel(path).setSchema(new CoreSchema()).build();
    Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
    documents.hasNext();
    documents.next();
    long t3 = System.nanoTime();
    ScenarioParser.Result parsed = ScenarioParser.parse(path, text);
    long t4 = System.nanoTime();
    List<Problem> problems = ScenarioValidator.validate(path, parsed);
    long t5 = System.nanoTime();
    if (!parsed.problems().isEmpty() || !problems.isEmpty()) {
      throw new IllegalStateException(path + " has problems: " + parsed.problems() + problems);
    }
    nanos[0] = t1 - t0;
    nanos[1] = t2 - t1;
    nanos[2] = t3 - t2;
    nanos[3] = t4 - t3;
    nanos[4] = t5 - t4;
    return nanos;
  }
}
