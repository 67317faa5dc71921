package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.kubelet.KubeletSecret;
import io.kvflex.kvctl.manifest.InputCollector;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.SecretObject;
import io.kvflex.options.Sensitive;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Secret of {@code --secret-file} when no manifest names the volume: its {@code clientid} names
 * the identity, {@code clientsecret} lets {@code --probe} sign in. Values stay {@link Sensitive};
 * messages name keys and the file, never values.
 */
final class SecretFile {
  private final KubeletSecret secret;
  private final String file;

  private SecretFile(KubeletSecret secret, String file) {
    this.secret = secret;
    this.file = file;
  }

  /** The only {@code kind: Secret} in the (possibly multi-document) file. */
  static SecretFile read(Path workingDir, InputStream stdin, String file) {
    List<SecretObject> secrets =
        new ManifestReader()
            .read(new InputCollector(workingDir, stdin, p -> false).collect(List.of(file)))
            .secrets();
    if (secrets.size() != 1) {
      throw new UserInputException(
          "--secret-file "
              + file
              + (secrets.isEmpty() ? " has no kind: Secret" : " has " + secrets.size() + " Secrets")
              + "; give the file with the one Secret the volume's secretRef names");
    }
    return new SecretFile(KubeletSecret.from(secrets.get(0)), file);
  }

  Optional<Sensitive> get(String key) {
    return Optional.ofNullable(secret.data().get(key)).filter(s -> !s.isEmpty());
  }

  /** The {@code clientid} key (trimmed), or a user error naming the file. */
  String clientId() {
    return get("clientid")
        .map(s -> s.revealUtf8().trim())
        .filter(s -> !s.isEmpty())
        .orElseThrow(
            () -> new UserInputException("--secret-file " + file + " has no clientid key"));
  }

  @Override
  public String toString() {
    return "SecretFile[" + file + ", " + secret + "]";
  }
}
