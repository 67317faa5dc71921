@key
Feature: Keys become public-key files in a usable format
  Keys are rendered as PEM by default (the legacy driver wrote a bare base64url modulus and
  crashed on EC keys); JWK and the legacy modulus are available on request.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the driver is installed in the node's plugin directory

  @k3s
  Scenario Outline: An <kind> key is mounted as a PEM public key
    Given the vault holds <kind> key "signing"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | signing |
      | keyvaultobjecttypes | key     |
    Then the mount succeeds
    And file "signing" is a PEM public key equal to the vault's key "signing"

    Examples:
      | kind      |
      | RSA       |
      | EC P-256  |
      | EC P-384  |
      | EC P-521  |

  Scenario Outline: An <kind> key is mounted as a JWK
    Given the vault holds <kind> key "signing"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | signing |
      | keyvaultobjecttypes   | key     |
      | keyvaultobjectformats | jwk     |
    Then the mount succeeds
    And file "signing" is a JWK equal to the vault's key "signing"

    Examples:
      | kind     |
      | RSA      |
      | EC P-256 |

  Scenario: The legacy modulus format still works for RSA keys
    Given the vault holds RSA key "legacy-rsa"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | legacy-rsa |
      | keyvaultobjecttypes   | key        |
      | keyvaultobjectformats | modulus    |
    Then the mount succeeds
    And file "legacy-rsa" holds the base64url modulus of the vault's key "legacy-rsa"

  Scenario: Asking for the modulus of an EC key fails clearly
    Given the vault holds EC P-256 key "ec-key"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | ec-key  |
      | keyvaultobjecttypes   | key     |
      | keyvaultobjectformats | modulus |
    Then the mount fails with a message containing "ec-key"
    And the message mentions "modulus"
    And nothing is left mounted
    And no secret reaches the driver output or log
