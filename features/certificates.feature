@cert
Feature: Certificates and their private keys become files servers can use
  A certificate is mounted as PEM or DER; its backing secret carries the private key and
  the chain, rendered as PEM (key, then leaf to root), as the PKCS#12 file, or as stored.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the driver is installed in the node's plugin directory
    And the vault holds certificate "tls" issued by an intermediate and a root CA

  @k3s
  Scenario: The certificate is mounted as PEM
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | tls  |
      | keyvaultobjecttypes | cert |
    Then the mount succeeds
    And file "tls" is a PEM certificate equal to the vault's certificate "tls"

  Scenario: The certificate is mounted as DER for legacy consumers
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | tls  |
      | keyvaultobjecttypes   | cert |
      | keyvaultobjectformats | der  |
    Then the mount succeeds
    And file "tls" holds the DER bytes of the vault's certificate "tls"

  @k3s
  Scenario: The backing secret is mounted as a PEM key followed by the chain, leaf to root
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | tls    |
      | keyvaultobjecttypes   | secret |
      | keyvaultobjectformats | pem    |
    Then the mount succeeds
    And file "tls" starts with a PKCS#8 private key
    And the private key in file "tls" matches the certificate "tls"
    And the certificates in file "tls" run leaf, intermediate, root

  Scenario: The backing secret is mounted as a PKCS#12 file
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | tls    |
      | keyvaultobjecttypes   | secret |
      | keyvaultobjectformats | pfx    |
    Then the mount succeeds
    And file "tls" is a PKCS#12 keystore with an empty password holding the key of certificate "tls"

  Scenario: The backing secret is mounted as stored
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | tls    |
      | keyvaultobjecttypes | secret |
    Then the mount succeeds
    And file "tls" holds the stored value of secret "tls"

  Scenario: Certificate, key and backing secret of one certificate side by side
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | tls;tls;tls                |
      | keyvaultobjecttypes   | cert;key;secret            |
      | keyvaultobjectaliases | tls.crt;tls.pub;tls.key    |
      | keyvaultobjectformats | pem;pem;pem                |
    Then the mount succeeds
    And the public key in file "tls.pub" matches the certificate in file "tls.crt"
