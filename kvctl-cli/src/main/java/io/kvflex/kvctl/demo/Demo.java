package io.kvflex.kvctl.demo;

import io.kvflex.kvctl.CliContext;
import io.kvflex.kvctl.KvctlCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole product in one run, with no Azure: localvault with its demo seed, {@code kvctl lint} of
 * the examples, a {@code kvctl fetch} dry run of one, a real driver {@code mount} through the built
 * plugin folder exactly as the kubelet makes it, the files it wrote, {@code unmount}, and stop.
 */
final class Demo {
  private static final int STEPS = 7;
  private static final long DRIVER_TIMEOUT_SECONDS = 120;

  private final CliContext ctx;
  private final DemoHome home;
  private final Clock clock;
  private final boolean root;
  private final PrintStream out;

  Demo(CliContext ctx, DemoHome home, Clock clock, boolean root) {
    this.ctx = ctx;
    this.home = home;
    this.clock = clock;
    this.root = root;
    this.out = ctx.out();
  }

  int run(Workspace ws) {
    Progress progress = new Progress(out, clock, STEPS);
    out.println("kvctl demo: Key Vault objects as files in a pod, on a local Key Vault (no Azure)");
    out.println();

    progress.begin("starting localvault with its built-in demo seed");
    DemoVault vault = DemoVault.start(ws.dir());
    ws.onCleanup(vault::close);
    progress.done("ready");
    progress.detail("vault " + vault.vaultName() + " at " + vault.vaultUrl());
    progress.detail("tenant " + vault.tenantId());
    progress.detail(
        "DEMO=" + ws.dir() + "  (cloud environment file, hosts file; removed at the end)");

    progress.begin("kvctl lint " + DemoHome.EXAMPLES);
    lint(progress);

    DemoInputs inputs = DemoInputs.prepare(home.example(), vault, ws.dir());
    progress.begin("kvctl fetch (dry run) of " + DemoHome.EXAMPLE);
    progress.detail(
        "(a copy with keyvaultname and tenantid rewritten to the demo vault "
            + vault.vaultName()
            + "; Secret kvcreds holds the demo application "
            + vault.clientId()
            + ")");
    progress.done(fetch(progress, inputs, vault, ws, List.of()));

    progress.begin("kvctl check-access: may these identities read secret db-password?");
    progress.done(checkAccess(progress, vault, ws));

    Path mountDir =
        ws.dir()
            .resolve("kubelet/pods/" + inputs.mount.pod().uid())
            .resolve("volumes/azure~kv/" + inputs.mount.volume().name());
    String json = inputs.kubeletJson(vault);
    if (root) {
      progress.begin("driver mount, as the kubelet does it");
      ws.mkdirs(mountDir);
      progress.detail(
          "$ " + home.driver() + " mount " + ws.shorten(mountDir) + " '<options JSON>'");
      String status = driver(ws, vault, List.of("mount", mountDir.toString(), json));
      ws.onCleanup(() -> driver(ws, vault, List.of("unmount", mountDir.toString())));
      progress.done(status);
      progress.detail(
          MountedFiles.isTmpfs(mountDir)
              ? "a tmpfs is mounted at " + ws.shorten(mountDir)
              : "NOTE: " + ws.shorten(mountDir) + " is not a tmpfs mount");
    } else {
      progress.begin("kvctl fetch --out (not root: the driver needs root to mount a tmpfs)");
      progress.done(fetch(progress, inputs, vault, ws, List.of("--out", mountDir.toString())));
      progress.detail(
          "NOTE: not running as root, so the files were written to a plain temporary directory;"
              + " run the demo as root to see the driver mount a tmpfs");
    }
    out.println();
    MountedFiles.describe(mountDir, json).forEach(l -> out.println("      " + l));
    out.println();
    progress.detail(
        "db-password.txt (secret db-password, latest version): "
            + MountedFiles.text(mountDir.resolve("db-password.txt")));

    progress.begin(root ? "driver unmount" : "removing the files");
    if (root) {
      String status = driver(ws, vault, List.of("unmount", mountDir.toString()));
      ws.dropLastCleanup();
      progress.done(status);
    } else {
      ws.deleteTree(mountDir);
      progress.done("removed");
    }
    progress.begin("stopping localvault");
    ws.cleanUp();
    progress.done("stopped; temporary files removed");
    out.println();
    out.println("done in " + progress.total() + ". Next:");
    out.println("  ./kvctl lint deployment/examples                  check manifests (yours too)");
    out.println("  ./kvctl vault serve --env-out /tmp/kv/cloud-env.json --hosts-out /tmp/kv/hosts");
    out.println(
        "  KVFLEX_HOSTS_FILE=/tmp/kv/hosts ./kvctl fetch -f <manifest> --secret-file <secret>"
            + " --cloud-env /tmp/kv/cloud-env.json --show-values");
    out.println(
        "  README \"Install\" puts the driver on a cluster; \"kvctl fetch\" checks a pod first");
    return 0;
  }

  private void lint(Progress progress) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
    CliContext sub = new CliContext(ctx.in(), capture, capture, ctx.env(), home.root(), false);
    var cl = KvctlCommand.commandLine(sub);
    if (!cl.getSubcommands().containsKey("lint")) {
      progress.done("skipped: this build has no lint command");
      return;
    }
    int code = cl.execute("lint", DemoHome.EXAMPLES);
    progress.done(code == 0 ? "clean" : "exit " + code);
    buf.toString(StandardCharsets.UTF_8).lines().forEach(progress::detail);
    if (code != 0) {
      throw new DemoException("kvctl lint found problems in " + home.examples());
    }
  }

  /** Runs {@code kvctl fetch} in a fresh JVM that resolves the vault names with the hosts file. */
  private String fetch(
      Progress progress, DemoInputs inputs, DemoVault vault, Workspace ws, List<String> extra) {
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
  private String checkAccess(Progress progress, DemoVault vault, Workspace ws) {
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
    Map<String, String> env =
        Map.of(
            "KVFLEX_HOSTS_FILE", vault.hosts.toString(),
            "KVFLEX_LOG_FILE", ws.dir().resolve("kv-driver.log").toString(),
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
