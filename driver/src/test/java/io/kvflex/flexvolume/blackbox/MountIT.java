package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.Json;
import io.kvflex.testsupport.KeyMaterial;
import io.kvflex.testsupport.Pem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mounts through the BUILT {@code kv} as root against localvault over HTTPS, and checks the files
 * byte for byte, the tmpfs, failures that leave nothing, idempotency and that no sentinel secret
 * ever reaches the output or the log.
 */
class MountIT extends LocalVaultMountTest {
  static VaultPeek peek;

  @BeforeAll
  static void peekWithTheAppIdentity() throws Exception {
    peek = new VaultPeek(lv.vault, LocalVaultFixture.CLIENT_ID, LocalVaultFixture.CLIENT_SECRET);
  }

  byte[] file(String name) throws Exception {
    return Files.readAllBytes(dir.resolve(name));
  }

  @Test
  void mountsEveryObjectTypeInEveryFormatByteForByte() throws Exception {
    String[][] objects = {
      // name, type, format, alias
      {"db-password", "secret", "", "db/password"},
      {"blob-base64", "secret", "base64", "blob.bin"},
      {"blob-hex", "secret", "hex", "blob-hex.bin"},
      {"rsa-key", "key", "", "keys/rsa.pem"},
      {"rsa-key", "key", "jwk", "keys/rsa.jwk"},
      {"rsa-key", "key", "modulus", "keys/rsa.modulus"},
      {"ec-key", "key", "pem", "keys/ec.pem"},
      {"ec-key", "key", "jwk", "keys/ec.jwk"},
      {"web-pfx", "cert", "", "certs/web.pem"},
      {"web-pfx", "cert", "der", "certs/web.der"},
      {"web-pfx", "secret", "pfx", "tls/web.pfx"},
      {"web-pfx", "secret", "pem", "tls/web.pem"},
      {"web-pfx", "secret", "raw", "tls/web.pfx.b64"},
      {"api-pem", "secret", "pem", "tls/api.pem"},
      {"api-pem", "certificate", "pem", "certs/api.pem"},
    };
    Map<String, String> extra = new HashMap<>();
    extra.put("keyvaultobjectnames", column(objects, 0));
    extra.put("keyvaultobjecttypes", column(objects, 1));
    extra.put("keyvaultobjectformats", column(objects, 2));
    extra.put("keyvaultobjectaliases", column(objects, 3));
    extra.put("filemode", "0640");

    KvRun run = mount(extra);
    assertThat(run.json).as(run.output).containsEntry("status", "Success");
    assertThat(run.exitCode).isZero();

    // The tmpfs and its layout.
    assertThat(mountInfoLine(dir))
        .contains(" - tmpfs ")
        .contains("nosuid")
        .contains("nodev")
        .contains("noexec")
        .contains("size=16384k")
        .contains("mode=755");
    assertThat(Files.readSymbolicLink(dir.resolve("..data")).toString()).startsWith("..kvflex-");
    assertThat(Files.readSymbolicLink(dir.resolve("db"))).isEqualTo(Path.of("..data/db"));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("db/password"))))
        .isEqualTo("rw-r-----");

    // Secrets.
    Map<String, Object> db = peek.get(LocalVaultFixture.VAULT, "secrets/db-password");
    assertThat(file("db/password")).isEqualTo(Expected.utf8((String) db.get("value")));
    assertThat(file("blob.bin"))
        .isEqualTo(Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhP/"));
    assertThat(file("blob-hex.bin"))
        .isEqualTo(new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 0x7f, (byte) 0x80});

    // Keys.
    Map<String, Object> rsa = peek.get(LocalVaultFixture.VAULT, "keys/rsa-key");
    RSAPublicKey rsaKey = (RSAPublicKey) KeyMaterial.fromJwk(jwk(rsa));
    assertThat(new String(file("keys/rsa.pem"), StandardCharsets.UTF_8))
        .isEqualTo(Pem.encode("PUBLIC KEY", rsaKey.getEncoded()));
    assertThat(new String(file("keys/rsa.modulus"), StandardCharsets.UTF_8))
        .isEqualTo(
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Expected.b64url(jwk(rsa).get("n"))));
    Map<String, Object> rsaJwk =
        Json.object(new String(file("keys/rsa.jwk"), StandardCharsets.UTF_8));
    assertThat(rsaJwk).containsEntry("kty", "RSA").containsEntry("kid", jwk(rsa).get("kid"));
    assertThat(Expected.b64url(rsaJwk.get("n"))).isEqualTo(Expected.b64url(jwk(rsa).get("n")));
    assertThat(Expected.b64url(rsaJwk.get("e"))).isEqualTo(Expected.b64url(jwk(rsa).get("e")));
    assertThat(rsaJwk).doesNotContainKeys("d", "p", "q");

    Map<String, Object> ec = peek.get(LocalVaultFixture.VAULT, "keys/ec-key");
    ECPublicKey ecKey = (ECPublicKey) KeyMaterial.fromJwk(jwk(ec));
    assertThat(new String(file("keys/ec.pem"), StandardCharsets.UTF_8))
        .isEqualTo(Pem.encode("PUBLIC KEY", ecKey.getEncoded()));
    Map<String, Object> ecJwk =
        Json.object(new String(file("keys/ec.jwk"), StandardCharsets.UTF_8));
    assertThat(ecJwk).containsEntry("kty", "EC").containsEntry("crv", "P-384");
    assertThat(Expected.b64url(ecJwk.get("x"))).isEqualTo(Expected.b64url(jwk(ec).get("x")));
    assertThat(Expected.b64url(ecJwk.get("y"))).isEqualTo(Expected.b64url(jwk(ec).get("y")));

    // Certificates.
    byte[] webDer =
        Base64.getDecoder()
            .decode((String) peek.get(LocalVaultFixture.VAULT, "certificates/web-pfx").get("cer"));
    assertThat(file("certs/web.der")).isEqualTo(webDer);
    assertThat(new String(file("certs/web.pem"), StandardCharsets.UTF_8))
        .isEqualTo(Pem.encode("CERTIFICATE", webDer));
    byte[] apiDer =
        Base64.getDecoder()
            .decode((String) peek.get(LocalVaultFixture.VAULT, "certificates/api-pem").get("cer"));
    assertThat(new String(file("certs/api.pem"), StandardCharsets.UTF_8))
        .isEqualTo(Pem.encode("CERTIFICATE", apiDer));

    // Certificate-backed secrets: PKCS#12 stored (raw, pfx, pem) and PEM stored.
    String webStored = (String) peek.get(LocalVaultFixture.VAULT, "secrets/web-pfx").get("value");
    assertThat(file("tls/web.pfx.b64")).isEqualTo(Expected.utf8(webStored));
    assertThat(file("tls/web.pfx")).isEqualTo(Base64.getMimeDecoder().decode(webStored));
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(new ByteArrayInputStream(file("tls/web.pfx")), new char[0]);
    String alias = p12.aliases().nextElement();
    PrivateKey webPrivate = (PrivateKey) p12.getKey(alias, new char[0]);
    assertKeyAndChain(file("tls/web.pem"), webPrivate, webDer);
    assertKeyAndChain(file("tls/api.pem"), null, apiDer);

    // Unmount removes everything.
    KvRun off = unmount();
    assertThat(off.json).containsEntry("status", "Success");
    assertThat(isMountPoint(dir)).isFalse();
    assertThat(dir).doesNotExist();
  }

  /** PKCS#8 key first (matching the leaf), then leaf -> intermediate -> root. */
  private static void assertKeyAndChain(byte[] pem, PrivateKey expectedKey, byte[] leafDer)
      throws Exception {
    Pem.KeyAndChain parsed = Pem.keyAndChain(pem);
    assertThat(parsed.key()).as("a PKCS#8 private key first").isNotNull();
    assertThat(parsed.chain()).as("leaf, intermediate, root").hasSize(3);
    assertThat(parsed.chain().get(0).getEncoded()).isEqualTo(leafDer);
    if (expectedKey != null) {
      assertThat(parsed.key().getEncoded()).isEqualTo(expectedKey.getEncoded());
    }
    KeyMaterial.assertKeyMatchesLeafAndChainOrdered(parsed.key(), parsed.chain());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jwk(Map<String, Object> bundle) {
    return (Map<String, Object>) bundle.get("key");
  }

  private static String column(String[][] rows, int i) {
    List<String> items = new ArrayList<>();
    for (String[] row : rows) {
      items.add(row[i]);
    }
    // Spaces after ';' (legacy issue #123) must be fine.
    return String.join("; ", items);
  }

  @Test
  void mountIsIdempotentAndUnmountTwiceSucceeds() throws Exception {
    // Spaces, quotes and glob characters in argv[2] reach the driver as one string.
    Map<String, String> extra =
        Map.of(
            "keyvaultobjectnames", " db-password ",
            "keyvaultobjecttypes", "secret",
            "keyvaultobjectaliases", "dir with space/glob*?[x] \"q\".txt",
            "keyvaultobjectnmaes", "a typo the driver only warns about");
    KvRun first = mount(extra);
    assertThat(first.json).as(first.output).containsEntry("status", "Success");
    assertThat(Files.readString(dir.resolve("dir with space/glob*?[x] \"q\".txt")))
        .startsWith(LocalVaultFixture.SENTINEL);
    assertThat(KvRun.read(lv.log))
        .contains("event=options.warning")
        .contains("keyvaultobjectnmaes");
    String before = KvRun.read(lv.log);
    KvRun again = mount(extra);
    assertThat(again.json).containsEntry("status", "Success");
    assertThat(KvRun.read(lv.log).substring(before.length()))
        .contains("event=mount.verified")
        .doesNotContain("event=fetch.done");
    assertThat(unmount().json).containsEntry("status", "Success");
    assertThat(unmount().json).containsEntry("status", "Success");
  }

  @Test
  void aNonAsciiAliasIsWrittenUnderTheKubeletsEmptyEnvironment() throws Exception {
    // KvRun runs kv with nothing but KVFLEX_* variables: no LANG, no LC_ALL, no PATH (env -i).
    assertThat(lv.env()).doesNotContainKeys("LANG", "LC_ALL", "LC_CTYPE", "PATH");
    KvRun run =
        mount(
            Map.of(
                "keyvaultobjectnames", "db-password",
                "keyvaultobjecttypes", "secret",
                "keyvaultobjectaliases", "caf\u00e9.txt"));
    assertThat(run.json).as(run.output).containsEntry("status", "Success");
    assertThat(Files.readString(dir.resolve("caf\u00e9.txt")))
        .startsWith(LocalVaultFixture.SENTINEL);
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString())).contains("caf\u00e9.txt");
    }
  }

  @Test
  void aMissingObjectFailsNamingItAndLeavesNothing() throws Exception {
    KvRun run =
        mount(
            Map.of(
                "keyvaultobjectnames",
                "db-password;no-such-secret",
                "keyvaultobjecttypes",
                "secret;secret"));
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.status()).isEqualTo("Failure");
    assertThat(run.message()).contains("no-such-secret").contains("404");
    assertNothingLeft();
  }

  @Test
  void anIdentityWithoutAccessFailsWith403AndLeavesNothing() throws Exception {
    KvRun run =
        mount(
            Map.of(
                "keyvaultobjectnames",
                "db-password",
                "keyvaultobjecttypes",
                "secret",
                "kubernetes.io/secret/clientid",
                LocalVaultFixture.b64(LocalVaultFixture.NO_ACCESS_ID),
                "kubernetes.io/secret/clientsecret",
                LocalVaultFixture.b64(LocalVaultFixture.NO_ACCESS_SECRET)));
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message()).contains("db-password").contains("403");
    assertNothingLeft();
  }

  @Test
  void badOptionsFailNamingTheOption() throws Exception {
    Map<String, String> extra = new HashMap<>();
    extra.put("keyvaultobjectnames", "db-password");
    extra.put("keyvaultobjecttypes", "secret");
    extra.put("tenantid", null);
    KvRun run = mount(extra);
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message()).contains("tenantid");
    assertNothingLeft();
  }

  @Test
  void anAliasEscapingTheVolumeIsRefused() throws Exception {
    KvRun run =
        mount(
            Map.of(
                "keyvaultobjectnames", "db-password",
                "keyvaultobjecttypes", "secret",
                "keyvaultobjectaliases", "../../escaped"));
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message()).contains("keyvaultobjectaliases");
    assertNothingLeft();
    assertThat(dir.getParent().getParent().resolve("escaped")).doesNotExist();
  }

  @Test
  void fsGroupOwnsTheFilesAndMakesThemGroupReadable() throws Exception {
    KvRun run =
        mount(
            Map.of(
                "keyvaultobjectnames", "db-password",
                "keyvaultobjecttypes", "secret",
                "filemode", "0600",
                "kubernetes.io/mounterArgs.FsGroup", "2345"));
    assertThat(run.json).as(run.output).containsEntry("status", "Success");
    assertThat(Files.getAttribute(dir.resolve("db-password"), "unix:gid")).isEqualTo(2345);
    assertThat(
            Files.getAttribute(dir.resolve("db-password"), "unix:gid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(2345);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("db-password"))))
        .isEqualTo("rw-r-----");
  }

  @Test
  void aHungVaultFailsCleanlyBeforeTheKubeletWaitsForever() throws Exception {
    lv.vault.setFaults(new io.kvflex.localvault.seed.FaultSpec(120_000, 0, 0, -1, 0, 503, 0, 0));
    try {
      long start = System.nanoTime();
      KvRun run =
          mount(
              Map.of(
                  "keyvaultobjectnames", "db-password",
                  "keyvaultobjecttypes", "secret",
                  "timeout", "5s"));
      long seconds = java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds();
      assertThat(run.exitCode).isEqualTo(1);
      assertThat(run.message()).contains("db-password");
      assertThat(seconds).as("the 5s deadline plus JVM start").isLessThan(30);
      assertNothingLeft();
    } finally {
      lv.vault.clearFaults();
    }
  }
}
