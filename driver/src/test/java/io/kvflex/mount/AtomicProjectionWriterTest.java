package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.render.FileProjection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicProjectionWriterTest {
  @TempDir Path root;

  static FileProjection file(String path, String content, int mode) {
    return new FileProjection(path, content.getBytes(StandardCharsets.UTF_8), mode, "test " + path);
  }

  static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void publishesThroughDataLinkWithTopLevelLinks() throws Exception {
    new AtomicProjectionWriter()
        .write(
            root,
            List.of(
                file("password", "p4ss", 0644),
                file("tls/cert.pem", "CERT", 0600),
                file("tls/ca/root.pem", "ROOT", 0644)),
            OptionalInt.empty());

    List<String> names = entries(root);
    assertThat(names).hasSize(4).contains("..data", "password", "tls");
    String staging =
        names.stream().filter(n -> n.startsWith("..kvflex-")).findFirst().orElseThrow();
    assertThat(Files.readSymbolicLink(root.resolve("..data"))).isEqualTo(Path.of(staging));
    assertThat(Files.readSymbolicLink(root.resolve("tls"))).isEqualTo(Path.of("..data/tls"));
    assertThat(Files.readString(root.resolve("password"))).isEqualTo("p4ss");
    assertThat(Files.readString(root.resolve("tls/cert.pem"))).isEqualTo("CERT");
    assertThat(Files.readString(root.resolve("tls/ca/root.pem"))).isEqualTo("ROOT");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("tls/cert.pem"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("password"))))
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(staging))))
        .isEqualTo("rwxr-xr-x");
    assertThat(entries(root.resolve("..data"))).containsExactly("password", "tls");
  }

  @Test
  void failureMidWriteLeavesNothing() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicProjectionWriter writer =
        new AtomicProjectionWriter(
            (path, bytes) -> {
              if (calls.incrementAndGet() == 3) {
                throw new IOException("disk full");
              }
              Files.write(path, bytes);
            });
    assertThatThrownBy(
            () ->
                writer.write(
                    root,
                    List.of(file("a", "1", 0644), file("d/b", "2", 0644), file("d/c", "3", 0644)),
                    OptionalInt.empty()))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("could not write d/c into volume")
        .hasMessageContaining("disk full");
    assertThat(entries(root)).isEmpty();
  }

  @Test
  void refusesToFollowAPlantedSymlink() throws Exception {
    Path outside = Files.createDirectory(root.resolve("..outside"));
    Path vol = Files.createDirectory(root.resolve("vol"));
    Files.createSymbolicLink(vol.resolve("db"), outside);
    assertThatThrownBy(
            () ->
                new AtomicProjectionWriter()
                    .write(vol, List.of(file("db/password", "x", 0644)), OptionalInt.empty()))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("could not write db");
    assertThat(entries(outside)).isEmpty();
    assertThat(entries(vol)).containsExactly("db");
    assertThat(Files.isSymbolicLink(vol.resolve("db"))).isTrue();
  }

  @Test
  void unsafePathsAreRejectedBeforeAnythingIsWritten() throws Exception {
    for (String bad : List.of("../escape", "/etc/passwd", "a//b", "a/./b", "..data", "a/", "")) {
      assertThatThrownBy(
              () ->
                  new AtomicProjectionWriter()
                      .write(
                          root,
                          List.of(file("ok", "1", 0644), file(bad, "x", 0644)),
                          OptionalInt.empty()))
          .as(bad)
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("is not safe inside the volume");
    }
    assertThat(entries(root)).isEmpty();
  }

  @Test
  void theRootMustBeARealDirectory() throws Exception {
    Path link = Files.createSymbolicLink(root.resolve("link"), root);
    assertThatThrownBy(
            () ->
                new AtomicProjectionWriter()
                    .write(link, List.of(file("a", "1", 0644)), OptionalInt.empty()))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("missing or not a directory");
  }

  @Test
  void fsGroupOwnsEverythingAndFilesBecomeGroupReadable() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "chgrp to an arbitrary gid needs root");
    new AtomicProjectionWriter()
        .write(
            root,
            List.of(file("dir/key.pem", "K", 0600), file("top", "T", 0600)),
            OptionalInt.of(2345));
    for (String p : List.of("dir/key.pem", "top", "dir", "..data")) {
      assertThat(Files.getAttribute(root.resolve(p), "unix:gid", LinkOption.NOFOLLOW_LINKS))
          .as(p)
          .isEqualTo(2345);
    }
    assertThat(Files.getAttribute(root.resolve("dir/key.pem"), "unix:gid")).isEqualTo(2345);
    assertThat(Files.getAttribute(root, "unix:gid")).isEqualTo(2345);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("dir/key.pem"))))
        .isEqualTo("rw-r-----");
  }

  @Test
  void modesIgnoreSpecialBits() {
    assertThat(PosixFilePermissions.toString(AtomicProjectionWriter.permissions(04755)))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(AtomicProjectionWriter.permissions(0440)))
        .isEqualTo("r--r-----");
  }
}
