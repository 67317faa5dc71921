package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoProxyTest {

  static boolean bypassed(String noProxy, String host, int port) {
    return NoProxy.parse(noProxy).bypass(host, port).isPresent();
  }

  @Test
  void plainEntryMatchesTheHostAndItsSubdomainsLikeGo() {
    assertThat(bypassed("example.com", "example.com", 443)).isTrue();
    assertThat(bypassed("example.com", "vault.example.com", 443)).isTrue();
    assertThat(bypassed("example.com", "EXAMPLE.COM.", 443)).isTrue();
    assertThat(bypassed("example.com", "notexample.com", 443)).isFalse();
    assertThat(bypassed("example.com", "example.com.evil.org", 443)).isFalse();
  }

  @Test
  void dotAndStarPrefixesMatchSubdomainsOnly() {
    for (String entry : new String[] {".vault.azure.net", "*.vault.azure.net"}) {
      assertThat(bypassed(entry, "kv1.vault.azure.net", 443)).as(entry).isTrue();
      assertThat(bypassed(entry, "vault.azure.net", 443)).as(entry).isFalse();
      assertThat(bypassed(entry, "kv1.vault.azure.net.example", 443)).as(entry).isFalse();
    }
  }

  @Test
  void listsAreCommaSeparatedTrimmedAndCaseInsensitive() {
    NoProxy n = NoProxy.parse(" Login.Example.org , ,.Vault.Azure.NET,10.0.0.1 ");
    assertThat(n.bypass("login.example.org", 443)).contains("NO_PROXY");
    assertThat(n.bypass("kv.vault.azure.net", 443)).contains("NO_PROXY");
    assertThat(n.bypass("10.0.0.1", 443)).contains("NO_PROXY");
    assertThat(n.bypass("management.azure.com", 443)).isEmpty();
    assertThat(NoProxy.parse("").bypass("x.example", 443)).isEmpty();
    assertThat(NoProxy.parse(null).bypass("x.example", 443)).isEmpty();
  }

  @Test
  void starBypassesEverything() {
    assertThat(bypassed("*", "anything.example", 443)).isTrue();
    assertThat(bypassed("foo.example, *", "10.1.2.3", 8443)).isTrue();
  }

  @Test
  void portsRestrictTheMatch() {
    assertThat(bypassed("vault.test:8443", "kv.vault.test", 8443)).isTrue();
    assertThat(bypassed("vault.test:8443", "kv.vault.test", 443)).isFalse();
    assertThat(bypassed("10.0.0.7:443", "10.0.0.7", 443)).isTrue();
    assertThat(bypassed("10.0.0.7:443", "10.0.0.7", 8443)).isFalse();
    assertThat(bypassed("[2001:db8::1]:443", "[2001:db8::1]", 443)).isTrue();
    assertThat(bypassed("[2001:db8::1]:443", "2001:db8::1", 80)).isFalse();
  }

  @Test
  void ipLiteralsAndCidrBlocksMatchIpHostsOnly() {
    assertThat(bypassed("10.0.0.0/8", "10.20.30.40", 443)).isTrue();
    assertThat(bypassed("10.0.0.0/8", "11.0.0.1", 443)).isFalse();
    assertThat(bypassed("192.168.4.0/22", "192.168.7.255", 443)).isTrue();
    assertThat(bypassed("192.168.4.0/22", "192.168.8.0", 443)).isFalse();
    assertThat(bypassed("2001:db8::/32", "[2001:db8:1::5]", 443)).isTrue();
    assertThat(bypassed("2001:db8::/32", "2001:db9::5", 443)).isFalse();
    assertThat(bypassed("2001:db8::1", "2001:db8::1", 443)).isTrue();
    // No DNS: a name that would resolve into the block is not matched by it.
    assertThat(bypassed("127.0.0.0/8", "login.localvault.test", 443)).isFalse();
  }

  @Test
  void malformedEntriesAreIgnoredNotFatal() {
    NoProxy n = NoProxy.parse("[::1, host:notaport, 10.0.0.0/99, .,good.example");
    assertThat(n.bypass("good.example", 443)).contains("NO_PROXY");
    assertThat(n.bypass("host", 443)).isEmpty();
    assertThat(n.bypass("10.0.0.1", 443)).isEmpty();
  }

  @Test
  void loopbackAndLinkLocalAreNeverProxiedWhateverTheList() {
    NoProxy empty = NoProxy.EMPTY;
    assertThat(empty.bypass("localhost", 2579)).contains("loopback");
    assertThat(empty.bypass("127.0.0.1", 2579)).contains("loopback");
    assertThat(empty.bypass("127.1.2.3", 80)).contains("loopback");
    assertThat(empty.bypass("[::1]", 80)).contains("loopback");
    assertThat(empty.bypass("169.254.169.254", 80)).contains("link-local");
    assertThat(empty.bypass("[fe80::1]", 80)).contains("link-local");
    assertThat(empty.bypass("kv.vault.azure.net", 443)).isEmpty();
    assertThat(empty.bypass("10.0.0.1", 443)).isEmpty();
  }
}
