@failure
Feature: Failures are clear, leave nothing behind and leak nothing
  Every failed mount returns one JSON object whose message names the object, the cause and the
  fix; nothing stays mounted; no secret value, client secret or token reaches the output or the log.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the driver is installed in the node's plugin directory
    And the vault holds secret "db-password" with value "pw-SENTINEL-31c9"

  Scenario: An object that does not exist
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | no-such-secret |
      | keyvaultobjecttypes | secret         |
    Then the mount fails with a message containing "no-such-secret"
    And the message mentions "not found"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: A version that does not exist
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames    | db-password                      |
      | keyvaultobjecttypes    | secret                           |
      | keyvaultobjectversions | 00000000000000000000000000000000 |
    Then the mount fails with a message containing "00000000000000000000000000000000"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: An identity without permission on keys
    Given service principal "secrets-only" may read only secrets
    And the vault holds RSA key "signing"
    When a pod mounts key "signing" as service principal "secrets-only"
    Then the mount fails with a message containing "Key Vault Crypto User"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: A disabled secret
    Given the vault holds disabled secret "retired" with value "retired-value-5e1d"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | retired |
      | keyvaultobjecttypes | secret  |
    Then the mount fails with a message containing "disabled"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: Throttling that recovers
    Given the vault throttles the next 2 requests
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
    Then the mount succeeds
    And the pod sees file "db-password" containing "pw-SENTINEL-31c9"

  Scenario: Throttling that does not recover before the deadline
    Given the vault throttles every request
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
      | timeout             | 5s          |
    Then the mount fails with a message containing "429"
    And the mount took less than 15 seconds
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: The vault is unreachable
    Given the vault is unreachable
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
      | timeout             | 5s          |
    Then the mount fails with a message containing "e2e-vault"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: An answer that breaks off mid-body is fetched again
    Given the vault's next 2 answers break off mid-body
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
    Then the mount succeeds
    And the pod sees file "db-password" containing "pw-SENTINEL-31c9"

  Scenario: A vault whose answers are not valid JSON
    Given the vault's answers carry only half their JSON
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
      | timeout             | 10s         |
    Then the mount fails with a message containing "not well-formed JSON"
    And the message does not mention "unexpected"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: A vault that stalls halfway through its answers is cut off at the timeout
    Given the vault's answers stall halfway for 60 seconds
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
      | timeout             | 5s          |
    Then the mount fails with a message containing "db-password"
    And the mount took less than 20 seconds
    And nothing is left mounted

  Scenario: A hung token endpoint ends the mount at its timeout
    Given the node holds no access token yet
    And the token endpoint answers after 60 seconds
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
      | timeout             | 5s          |
    Then the mount fails with a message containing "Entra ID token request"
    And the mount took less than 20 seconds
    And nothing is left mounted

  Scenario: Dropped connections to the token endpoint are network trouble, not wrong credentials
    Given the node holds no access token yet
    And the vault holds RSA key "signing"
    And the token endpoint drops every connection
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password;signing |
      | keyvaultobjecttypes | secret;key          |
    Then the mount fails with a message containing "Entra ID token request failed"
    And the message mentions "reset or closed"
    And the message does not mention "check clientid"
    And the driver log records the mount's result
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: A vault answer larger than the driver's size limit
    Given the vault's answers are padded to 1048576 bytes
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
    Then the mount fails with a message containing "larger than the 256 KiB limit (1 MiB announced)"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: Files that do not fit the volume's tmpfssize
    Given the vault holds secret "big" of 25000 bytes
    When a pod mounts secret "big" as 40 files in a volume with tmpfssize "1m"
    Then the mount fails with a message containing "tmpfssize"
    And the vault served "big" once
    And nothing is left mounted

  Scenario Outline: Bad options are rejected before anything is fetched: <case>
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
      | <option>            | <value>     |
    Then the mount fails with a message containing "<option>"
    And the vault received no request
    And nothing is left mounted
    And no secret reaches the driver output or log

    Examples:
      | case                    | option                 | value         |
      | tenant id not a GUID    | tenantid               | not-a-guid    |
      | malformed vault name    | keyvaultname           | -bad--name-   |
      | counts do not match     | keyvaultobjectversions | v1;v2         |
      | boolean not a boolean   | usepodidentity         | yes           |
      | alias escapes volume    | keyvaultobjectaliases  | ../../etc/pwn |
      | format not for secrets  | keyvaultobjectformats  | jwk           |

  Scenario: No secret reaches the output or the log
    Given the vault holds secret "sentinel" with value "SENTINEL-VALUE-7f3a"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | sentinel |
      | keyvaultobjecttypes | secret   |
    And a pod mounts secret "sentinel" as service principal "app" with a wrong client secret
    Then neither the driver output nor the driver log contains "SENTINEL-VALUE-7f3a"
    And neither the driver output nor the driver log contains the client secrets used
