package io.kvflex.kvctl.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This test JVM resolves names through one hosts file (surefire's {@code jdk.net.hosts.file}, read
 * at each lookup). Every localvault name is 127.0.0.1, so the names of all test vaults started in
 * the JVM are kept together rather than each vault overwriting the others'.
 */
final class TestHosts {
  private TestHosts() {}

  static synchronized void add(List<String> names) throws IOException {
    Path hosts = Path.of(System.getProperty("kvctl.testHosts", "target/test-hosts"));
    Set<String> lines = new LinkedHashSet<>();
    if (Files.exists(hosts)) {
      lines.addAll(Files.readAllLines(hosts, StandardCharsets.UTF_8));
    }
    names.forEach(n -> lines.add("127.0.0.1 " + n));
    Files.createDirectories(hosts.toAbsolutePath().getParent());
    Path tmp = hosts.resolveSibling(hosts.getFileName() + ".tmp");
    Files.writeString(tmp, lines.stream().collect(Collectors.joining("\n", "", "\n")));
    Files.move(tmp, hosts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
