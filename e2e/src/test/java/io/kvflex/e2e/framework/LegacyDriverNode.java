package io.kvflex.e2e.framework;

import io.kvflex.mount.AdoptedVolumes;
import io.kvflex.mount.AdoptionRecord;
import io.kvflex.mount.CrashPoints;
import io.kvflex.mount.MountEvents;
import io.kvflex.mount.RunDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A node that ran the legacy driver: its plugin directory (the {@code kv} script and the {@code
 * azurekeyvault-flexvolume} helper) in the scenario's directory, the volumes it mounted (a tmpfs
 * named {@code tmpfs}, files written straight into it), and the upgrade by the real installer,
 * which adopts them from this machine's mount table into the scenario's run directory.
 */
final class LegacyDriverNode {
  private final Path pluginDir;
  private final Path runDir;

  LegacyDriverNode(Path scenarioDir, Path runDir) {
    this.pluginDir = scenarioDir.resolve("legacy-node/volumeplugins");
    this.runDir = runDir;
  }

  void install() {
    try {
      Path driver = Files.createDirectories(pluginDir.resolve("azure~kv"));
      Path kv =
          Files.writeString(
              driver.resolve("kv"),
              "#!/bin/sh\n# the legacy driver's entry point (never called in these scenarios)\n"
                  + "echo '{\"status\": \"Failure\", \"message\": \"legacy driver\"}'\nexit 1\n");
      kv.toFile().setExecutable(true);
      Files.writeString(driver.resolve("azurekeyvault-flexvolume"), "legacy helper");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As the legacy driver mounted: {@code mount -t tmpfs tmpfs <dir>} (no options), then files. */
  void mount(Path dir, Map<String, String> files) {
    HostMounts.run("mount", "-t", "tmpfs", AdoptionRecord.LEGACY_SOURCE, dir.toString());
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** install.sh over the legacy driver, as the DaemonSet runs it (minus the sleep). */
  DriverInstaller.Installed upgrade(DriverInstaller installer, Map<String, String> driverEnv) {
    if (!Files.isRegularFile(pluginDir.resolve("azure~kv/azurekeyvault-flexvolume"))) {
      throw new IllegalStateException("the legacy driver is not installed in this scenario");
    }
    return installer.install(pluginDir, driverEnv);
  }

  List<String> adoptedMountPoints() {
    return new AdoptedVolumes(new RunDir(runDir), CrashPoints.NONE, MountEvents.NONE)
        .all().stream().map(AdoptionRecord::mountPoint).toList();
  }
}
