package io.breachdrill.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb into a temporary folder, a free port, its socket in
 * that folder), so a test can stop and start it without touching the shared server on 5432.
 * PostgreSQL refuses to run as root, so under root its commands run as the postgres user.
 */
final class PrivatePostgres implements AutoCloseable {

  private static final Path INSTALLS = Path.of("/usr/lib/postgresql");

  final int port;
  private final Path bin;
  private final Path dir;
  private final Path data;

  private PrivatePostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
  }

  /** The newest installed server's bin folder (Debian's layout), if any. */
  static Optional<Path> binaries() {
    if (!Files.isDirectory(INSTALLS)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(INSTALLS)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(PrivatePostgres::majorVersion));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A new, empty cluster in a temporary folder; not started yet. */
  static PrivatePostgres create(Path bin) throws Exception {
    Path dir = Files.createTempDirectory("breachdrill-faults-pg-");
    if (root()) {
      UserPrincipal postgres =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
    }
    PrivatePostgres server = new PrivatePostgres(bin, dir, AppNode.freePorts(1)[0]);
    try {
      server.run(
          "initdb",
          "-D",
          server.data.toString(),
          "-U",
          "postgres",
          "-A",
          "trust",
          "-E",
          "UTF8",
          "--no-sync",
          "--no-instructions");
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  void start() throws Exception {
    run(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        dir.resolve("postgres.log").toString(),
        "-w",
        "-t",
        "120",
        "-o",
        "-p "
            + port
            + " -k "
            + dir
            + " -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB",
        "start");
  }

  /** pg_ctl stop in the given mode: "fast" (sessions ended, clean) or "immediate" (a crash). */
  void stop(String mode) throws Exception {
    run("pg_ctl", "-D", data.toString(), "-m", mode, "-w", "-t", "120", "stop");
  }

  void createDatabase(String name) throws SQLException {
    try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
  }

  /** The end of the server's own log, for a failure's report. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(dir.resolve("postgres.log"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no server log: " + e.getMessage() + ")";
    }
  }

  /** Stops the server if it runs and removes its folder. */
  @Override
  public void close() throws IOException {
    if (Files.exists(data.resolve("postmaster.pid"))) {
      try {
        stop("immediate");
      } catch (Exception e) {
        System.err.println("Stopping the private PostgreSQL failed: " + e.getMessage());
      }
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private void run(String tool, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    if (root()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(arguments));
    // Output to a file, not a pipe: the server pg_ctl starts must not hold the test's pipe open.
    Path out = Files.createTempFile("breachdrill-faults-pg-" + tool + "-", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(tool + " did not finish within 180 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed ("
                + process.exitValue()
                + "):\n"
                + Files.readString(out)
                + "\n"
                + tail(30));
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }
}
