package dev.atelier.ui.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The PostgreSQL server the app is connected to, driven with its own {@code pg_ctl} as the {@code
 * postgres} OS user: found from the app's connection ({@code show data_directory}, as the
 * superuser), started again with the options it was started with ({@code postmaster.opts}), using
 * the newest {@code /usr/lib/postgresql/<version>/bin}, like {@code scripts/services.sh}.
 */
final class PostgresServer {
  private final Path bin;
  private final Path dataDir;
  private final String options;
  private final Path log;

  private PostgresServer(Path bin, Path dataDir, String options, Path log) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.options = options;
    this.log = log;
  }

  /**
   * The server behind {@code dataSource}, or why it cannot be driven from here (not root, no
   * runuser, no local binaries, not a local server).
   */
  static Result find(DataSource dataSource) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Result.no("the test runs as " + System.getProperty("user.name") + ", not root");
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/runuser"))
        && !Files.isExecutable(Path.of("/usr/bin/runuser"))) {
      return Result.no("no runuser to act as the postgres OS user");
    }
    Optional<Path> bin = newestBin();
    if (bin.isEmpty()) {
      return Result.no("no /usr/lib/postgresql/*/bin/pg_ctl");
    }
    Path dataDir;
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show data_directory")) {
      rs.next();
      dataDir = Path.of(rs.getString(1));
    }
    Path opts = dataDir.resolve("postmaster.opts");
    if (!Files.isReadable(opts)) {
      return Result.no(opts + " is not readable here: the server is not on this machine");
    }
    String options = options(Files.readString(opts, StandardCharsets.UTF_8));
    Path logs = dataDir.getParent().resolve("logs");
    Path log =
        (Files.isDirectory(logs) ? logs : Path.of(System.getProperty("java.io.tmpdir")))
            .resolve("postgres-restart.log");
    return new Result(Optional.of(new PostgresServer(bin.get(), dataDir, options, log)), null);
  }

  /**
   * What {@code pg_ctl -o} takes from a {@code postmaster.opts} line ({@code <binary> "-D" "<dir>"
   * "-p" "56432" ...}): the arguments after the binary, less {@code -D <dir>}, which pg_ctl adds
   * itself (kept, it would be written back twice and grow with every restart).
   */
  static String options(String postmasterOpts) {
    Matcher m = ARGUMENT.matcher(postmasterOpts.strip());
    List<String> args = new ArrayList<>();
    while (m.find()) {
      args.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    StringBuilder options = new StringBuilder();
    for (int i = 1; i < args.size(); i++) {
      if (args.get(i).equals("-D")) {
        i++;
        continue;
      }
      options.append(options.isEmpty() ? "" : " ").append('"').append(args.get(i)).append('"');
    }
    return options.toString();
  }

  private static final Pattern ARGUMENT = Pattern.compile("\"([^\"]*)\"|(\\S+)");

  /** {@code pg_ctl stop -m fast -w}: every connection is closed, then the server exits. */
  void stop() throws IOException, InterruptedException {
    pgCtl(List.of("-D", dataDir.toString(), "stop", "-m", "fast", "-w"));
  }

  /** {@code pg_ctl start -w} with the options it had: returns once it accepts connections. */
  void start() throws IOException, InterruptedException {
    pgCtl(List.of("-D", dataDir.toString(), "-w", "-o", options, "-l", log.toString(), "start"));
  }

  Path log() {
    return log;
  }

  @Override
  public String toString() {
    return dataDir + " (" + bin + ", options " + options + ")";
  }

  private void pgCtl(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    command.add(bin.resolve("pg_ctl").toString());
    command.addAll(args);
    Process p =
        new ProcessBuilder(command)
            .directory(new java.io.File("/"))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }

  private static Optional<Path> newestBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(PostgresServer::version));
    }
  }

  private static double version(Path bin) {
    try {
      return Double.parseDouble(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The server, or why there is none to drive. */
  record Result(Optional<PostgresServer> server, String why) {
    static Result no(String why) {
      return new Result(Optional.empty(), why);
    }
  }
}
