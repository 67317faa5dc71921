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

  # Premium vaults and Managed HSM answer kty RSA-HSM / EC-HSM; the public part is an ordinary
  # RSA or EC key, so every key format works as for software keys.
  @hsm
  Scenario: An RSA-HSM key is mounted in every key format
    Given the vault holds RSA-HSM key "hsm-rsa"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | hsm-rsa;hsm-rsa;hsm-rsa             |
      | keyvaultobjecttypes   | key;key;key                         |
      | keyvaultobjectaliases | hsm-rsa.pem;hsm-rsa.jwk;hsm-rsa.mod |
      | keyvaultobjectformats | pem;jwk;modulus                     |
    Then the mount succeeds
    And the vault serves key "hsm-rsa" with kty "RSA-HSM"
    And file "hsm-rsa.pem" is a PEM public key equal to the vault's key "hsm-rsa"
    And file "hsm-rsa.jwk" is a JWK equal to the vault's key "hsm-rsa"
    And file "hsm-rsa.mod" holds the base64url modulus of the vault's key "hsm-rsa"

  @hsm
  Scenario Outline: An <kind> key is mounted in every key format it has
    Given the vault holds <kind> key "hsm-ec"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | hsm-ec;hsm-ec          |
      | keyvaultobjecttypes   | key;key                |
      | keyvaultobjectaliases | hsm-ec.pem;hsm-ec.jwk  |
      | keyvaultobjectformats | pem;jwk                |
    Then the mount succeeds
    And the vault serves key "hsm-ec" with kty "EC-HSM"
    And file "hsm-ec.pem" is a PEM public key equal to the vault's key "hsm-ec"
    And file "hsm-ec.jwk" is a JWK equal to the vault's key "hsm-ec"

    Examples:
      | kind         |
      | EC-HSM P-256 |
      | EC-HSM P-384 |
      | EC-HSM P-521 |

  @hsm
  Scenario: Asking for the modulus of an EC-HSM key fails clearly
    Given the vault holds EC-HSM P-256 key "hsm-ec"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | hsm-ec  |
      | keyvaultobjecttypes   | key     |
      | keyvaultobjectformats | modulus |
    Then the mount fails with a message containing "hsm-ec"
    And the message mentions "modulus"
    And nothing is left mounted
