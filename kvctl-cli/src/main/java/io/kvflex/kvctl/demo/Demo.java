package io.kvflex.kvctl.demo;

import io.kvflex.kvctl.cli.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The whole product in one run, with no Azure: localvault with its demo seed, {@code kvctl lint} of
 * the examples, a {@code kvctl fetch} dry run of one, a real driver {@code mount} through the built
 * plugin folder exactly as the kubelet makes it, the files it wrote, {@code unmount}, and stop; in
 * between, {@code kvctl check-access} against localvault's own ARM and Graph.
 */
final class Demo {
  private static final long DRIVER_TIMEOUT_SECONDS = 120;

  private final CliContext ctx;
  private final Function<CliContext, CommandLine> kvctl;
  private final DemoHome home;
  private final Clock clock;
  private final boolean root;
  private final PrintStream out;
  private final Optional<Path> keep;

  Demo(
      CliContext ctx,
      Function<CliContext, CommandLine> kvctl,
      DemoHome home,
      Clock clock,
      boolean root,
      Optional<Path> keep) {
    this.ctx = ctx;
    this.kvctl = kvctl;
    this.home = home;
    this.clock = clock;
    this.root = root;
    this.out = ctx.out();
    this.keep = keep;
  }

  /** What the steps share: the workspace, the running vault, the prepared inputs, the mount. */
  private static final class State {
    final Workspace ws;
    DemoVault vault;
    DemoInputs inputs;
    Path mountDir;
    String json;

    State(Workspace ws) {
      this.ws = ws;
    }
  }

  /**
   * One numbered step: its title (printed before it runs) and its work, which returns the result
   * printed after the title (or null when it printed its result itself, before its details). To add
   * a step, add it to {@link #steps()}.
   */
  private record Step(String title, Function<State, String> run) {}

  private List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("starting localvault with its built-in demo seed", this::startVault));
    steps.add(new Step("kvctl lint " + DemoHome.EXAMPLES, s -> lint()));
    steps.add(new Step("kvctl fetch (dry run) of " + DemoHome.EXAMPLE, this::dryRun));
    steps.add(
        new Step(
            "kvctl check-access: may these identities read secret db-password?",
            s -> checkAccess(s.vault, s.ws)));
    steps.add(
        root
            ? new Step("driver mount, as the kubelet does it", this::mount)
            : new Step(
                "kvctl fetch --output-dir (not root: the driver needs root to mount a tmpfs)",
                this::writeFiles));
    steps.add(new Step(root ? "driver unmount" : "removing the files", this::unmount));
    steps.add(new Step("stopping localvault", this::stop));
    return steps;
  }

  int run(Workspace ws) {
    List<Step> steps = steps();
    progress = new Progress(out, clock, steps.size());
    out.println("kvctl demo: Key Vault objects as files in a pod, on a local Key Vault (no Azure)");
    out.println();
    State state = new State(ws);
    for (Step step : steps) {
      progress.begin(step.title());
      String result = ws.whileOpen(() -> step.run().apply(state));
      if (result != null) {
        progress.done(result);
      }
    }
    out.println();
    out.println("done in " + progress.total() + ". Next:");
    out.println("  ./kvctl lint -f deployment/examples               check manifests (yours too)");
    keep.ifPresentOrElse(
        dir ->
            out.println(
                "  ./kvctl vault serve --dir "
                    + dir
                    + "   serve the demo vault again for the kept files"),
        () -> {
          out.println(
              "  ./kvctl vault serve --dir /tmp/kv                 a local vault with sample");
          out.println(
              "                                                    files and commands to try");
        });
    out.println(
        "  README \"Install\" puts the driver on a cluster; \"kvctl fetch\" checks a pod first");
    return 0;
  }

  private Progress progress;

  private String startVault(State s) {
    s.vault = DemoVault.start(s.ws.dir());
    s.ws.onCleanup(s.vault::close);
    progress.done("ready");
    progress.detail("vault " + s.vault.vaultName() + " at " + s.vault.vaultUrl());
    progress.detail("tenant " + s.vault.tenantId());
    progress.detail(
        "DEMO="
            + s.ws.dir()
            + "  (cloud environment file, hosts file; removed at the end"
            + keep.map(d -> "; pod.yaml and secret.yaml kept in " + d).orElse("")
            + ")");
    keep.ifPresent(d -> s.vault.keepSamples(d));
    return null;
  }

  private String dryRun(State s) {
    s.inputs = DemoInputs.prepare(home.example(), s.vault, s.ws.dir());
    progress.detail(
        "(a copy with keyvaultname and tenantid rewritten to the demo vault "
            + s.vault.vaultName()
            + "; Secret kvcreds holds the demo application "
            + s.vault.clientId()
            + ")");
    s.mountDir =
        s.ws
            .dir()
            .resolve("kubelet/pods/" + s.inputs.mount.pod().uid())
            .resolve("volumes/azure~kv/" + s.inputs.mount.volume().name());
    s.json = s.inputs.kubeletJson(s.vault);
    return fetch(s.inputs, s.vault, s.ws, List.of());
  }

  private String mount(State s) {
    s.ws.mkdirs(s.mountDir);
    progress.detail(
        "$ " + home.driver() + " mount " + s.ws.shorten(s.mountDir) + " '<options JSON>'");
    String status = driver(s.ws, s.vault, List.of("mount", s.mountDir.toString(), s.json));
    s.ws.onCleanup(() -> driver(s.ws, s.vault, List.of("unmount", s.mountDir.toString())));
    progress.done(status);
    progress.detail(
        MountedFiles.isTmpfs(s.mountDir)
            ? "a tmpfs is mounted at " + s.ws.shorten(s.mountDir)
            : "NOTE: " + s.ws.shorten(s.mountDir) + " is not a tmpfs mount");
    showFiles(s);
    return null;
  }

  private String writeFiles(State s) {
    progress.done(fetch(s.inputs, s.vault, s.ws, List.of("--output-dir", s.mountDir.toString())));
    progress.detail(
        "NOTE: not running as root, so the files were written to a plain temporary directory;"
            + " run the demo as root to see the driver mount a tmpfs");
    showFiles(s);
    return null;
  }

  private void showFiles(State s) {
    out.println();
    MountedFiles.describe(s.mountDir, s.json).forEach(l -> out.println("      " + l));
    out.println();
    progress.detail(
        "db-password.txt (secret db-password, latest version): "
            + MountedFiles.text(s.mountDir.resolve("db-password.txt")));
  }

  private String unmount(State s) {
    if (root) {
      String status = driver(s.ws, s.vault, List.of("unmount", s.mountDir.toString()));
      s.ws.dropLastCleanup();
      return status;
    }
    s.ws.deleteTree(s.mountDir);
    return "removed";
  }

  private String stop(State s) {
    s.ws.cleanUp();
    return "stopped; temporary files removed";
  }

  private String lint() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
    CliContext sub = new CliContext(ctx.in(), capture, capture, ctx.env(), home.root(), false);
    CommandLine cl = kvctl.apply(sub);
    if (!cl.getSubcommands().containsKey("lint")) {
      return "skipped: this build has no lint command";
    }
    int code = cl.execute("lint", "-f", DemoHome.EXAMPLES);
    progress.done(code == 0 ? "clean" : "exit " + code);
    buf.toString(StandardCharsets.UTF_8).lines().forEach(progress::detail);
    if (code != 0) {
      throw new DemoException("kvctl lint found problems in " + home.examples());
    }
    return null;
  }

  /** Runs {@code kvctl fetch} in a fresh JVM that resolves the vault names with the hosts file. */
  private String fetch(DemoInputs inputs, DemoVault vault, Workspace ws, List<String> extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "fetch",
                "-f",
                inputs.manifest.toString(),
                "--secret-file",
                inputs.secret.toString(),
                "--cloud-env",
                vault.cloudEnv.toString()));
    args.addAll(extra);
    ChildProcess.Result r =
        new ChildProcess(ws.dir()).run(kvctlArgv(vault, args), Map.of(), DRIVER_TIMEOUT_SECONDS);
    progress.detail(
        ws.shorten("$ KVFLEX_HOSTS_FILE=" + vault.hosts + " kvctl " + String.join(" ", args)));
    r.stdout().lines().forEach(progress::detail);
    if (r.exitCode() != 0) {
      r.stderr().lines().forEach(progress::detail);
      throw new DemoException("kvctl fetch exited with " + r.exitCode());
    }
    return "exit 0";
  }

  /**
   * {@code kvctl check-access} against localvault's own ARM and Graph (from the demo seed, which
   * also drives the vault): the demo application is allowed, the identity without access is refused
   * and shown the command that grants it. The caller is this machine's identity through
   * localvault's IMDS, so the environment's AZURE_* variables are blanked for the child.
   */
  private String checkAccess(DemoVault vault, Workspace ws) {
    Map<String, String> env =
        Map.of("AZURE_CLIENT_ID", "", "AZURE_TENANT_ID", "", "AZURE_CLIENT_SECRET", "");
    for (String identity : List.of("demo-app", "demo-no-access")) {
      List<String> args =
          List.of(
              "check-access",
              "--cloud-env",
              vault.cloudEnv.toString(),
              "--vault",
              vault.vaultName(),
              "--object",
              "secret/db-password",
              "--client-id",
              vault.clientIdOf(identity));
      ChildProcess.Result r =
          new ChildProcess(ws.dir()).run(kvctlArgv(vault, args), env, DRIVER_TIMEOUT_SECONDS);
      progress.detail(
          ws.shorten("$ KVFLEX_HOSTS_FILE=" + vault.hosts + " kvctl " + String.join(" ", args)));
      r.stdout().lines().filter(l -> !l.isBlank()).forEach(progress::detail);
      int expected = identity.equals("demo-app") ? 0 : 1;
      if (r.exitCode() != expected) {
        r.stderr().lines().forEach(progress::detail);
        throw new DemoException(
            "kvctl check-access for " + identity + " exited with " + r.exitCode());
      }
    }
    return "demo-app allowed, demo-no-access refused (exit 1) with the fix to run";
  }

  /** {@code java ... io.kvflex.kvctl.Main ARGS} resolving the demo names with its hosts file. */
  private static List<String> kvctlArgv(DemoVault vault, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-Djdk.net.hosts.file=" + vault.hosts);
    argv.add("-XX:TieredStopAtLevel=1");
    argv.add("-cp");
    argv.add(System.getProperty("java.class.path"));
    argv.add("io.kvflex.kvctl.Main");
    argv.addAll(args);
    return argv;
  }

  /** Runs the driver's {@code kv} with argv and environment as the kubelet would. */
  private String driver(Workspace ws, DemoVault vault, List<String> verbAndArgs) {
    List<String> argv = new ArrayList<>();
    argv.add(home.driver().toString());
    argv.addAll(verbAndArgs);
    // The demo's own run directory (locks, staging mounts): it never touches the node's
    // /run/kvflex.
    Map<String, String> env =
        Map.of(
            "KVFLEX_HOSTS_FILE", vault.hosts.toString(),
            "KVFLEX_LOG_FILE", ws.dir().resolve("kv-driver.log").toString(),
            "KVFLEX_RUN_DIR", ws.dir().resolve("run").toString(),
            "KVFLEX_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ChildProcess.Result r = new ChildProcess(ws.dir()).run(argv, env, DRIVER_TIMEOUT_SECONDS);
    String reply = (r.stdout() + r.stderr()).strip();
    if (r.exitCode() != 0 || !reply.contains("\"Success\"")) {
      throw new DemoException(
          "kv " + verbAndArgs.get(0) + " failed (exit " + r.exitCode() + "): " + reply);
    }
    return reply;
  }

  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
