package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainOrderTest {
  private static final X509Certificate ROOT = Fixtures.certificate("root-ca.crt.pem");
  private static final X509Certificate INTERMEDIATE =
      Fixtures.certificate("intermediate-ca.crt.pem");
  private static final X509Certificate STALE =
      Fixtures.certificate("intermediate-ca-stale.crt.pem");
  private static final X509Certificate LEAF = Fixtures.certificate("leaf-rsa.crt.pem");
  private static final X509Certificate EC_LEAF = Fixtures.certificate("leaf-ec.crt.pem");

  @Test
  void everyStoredOrderGivesLeafIntermediateRoot() throws Exception {
    for (List<X509Certificate> stored : permutations(List.of(ROOT, INTERMEDIATE, LEAF))) {
      KeyAndChain ordered = ChainOrder.order(stored, Optional.empty());
      assertThat(ordered.chain())
          .as("stored %s", names(stored))
          .containsExactly(LEAF, INTERMEDIATE, ROOT);
      assertThat(ordered.others()).isEmpty();
    }
  }

  @Test
  void aSameNameIntermediateThatDidNotIssueTheLeafIsSetAside() throws Exception {
    // The stale and the real intermediate share a subject name: only key identifiers/signatures
    // tell them apart, whichever comes first.
    for (List<X509Certificate> stored : permutations(List.of(ROOT, STALE, INTERMEDIATE, LEAF))) {
      KeyAndChain ordered = ChainOrder.order(stored, Optional.of(leafKey()));
      assertThat(ordered.chain())
          .as("stored %s", names(stored))
          .containsExactly(LEAF, INTERMEDIATE, ROOT);
      assertThat(ordered.others()).containsExactly(STALE);
    }
  }

  @Test
  void theKeyPicksTheLeafAmongSiblings() throws Exception {
    List<X509Certificate> stored = List.of(EC_LEAF, INTERMEDIATE, LEAF, ROOT);
    KeyAndChain ordered = ChainOrder.order(stored, Optional.of(leafKey()));
    assertThat(ordered.chain()).containsExactly(LEAF, INTERMEDIATE, ROOT);
    assertThat(ordered.others()).containsExactly(EC_LEAF);
  }

  @Test
  void duplicatesAreRemovedAndAPartialChainStopsAtTheLastKnownIssuer() throws Exception {
    KeyAndChain ordered =
        ChainOrder.order(List.of(INTERMEDIATE, LEAF, INTERMEDIATE), Optional.empty());
    assertThat(ordered.chain()).containsExactly(LEAF, INTERMEDIATE);
    assertThat(ordered.others()).isEmpty();
  }

  @Test
  void aKeyThatFitsNoCertificateIsAnError() {
    assertThatThrownBy(() -> ChainOrder.order(List.of(ROOT, EC_LEAF), Optional.of(leafKey())))
        .isInstanceOf(BadContentException.class)
        .hasMessage("holds a private key that belongs to none of its 2 certificate(s)");
  }

  private static PrivateKey leafKey() throws BadContentException {
    return CertificateBundles.fromPem(Fixtures.text("leaf-rsa.bundle.pem")).key().orElseThrow();
  }

  private static List<String> names(List<X509Certificate> certs) {
    return certs.stream()
        .map(c -> c == STALE ? "stale" : c.getSubjectX500Principal().getName())
        .toList();
  }

  private static <T> List<List<T>> permutations(List<T> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T head = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        List<T> p = new ArrayList<>();
        p.add(head);
        p.addAll(tail);
        out.add(p);
      }
    }
    return out;
  }
}
