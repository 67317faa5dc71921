@secret
Feature: Secrets become files in the pod's volume
  A pod that declares an azure/kv flexVolume sees each listed Key Vault secret as a file,
  byte for byte, named after the object or its alias.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the driver is installed in the node's plugin directory

  @k3s
  Scenario: The latest version of a secret is mounted
    Given the vault holds secret "db-password" with value "correct horse battery staple"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
    Then the mount succeeds
    And the pod sees file "db-password" containing "correct horse battery staple"
    And file "db-password" has mode "0644"

  Scenario: A pinned version is mounted, not the latest
    Given the vault holds secret "api-key" with versions "v1-value" then "v2-value"
    When a pod mounts volume "kv" pinning "api-key" to its first version
    Then the mount succeeds
    And the pod sees file "api-key" containing "v1-value"

  Scenario: Aliases rename files and may create subdirectories
    Given the vault holds secret "db-password" with value "pw"
    And the vault holds secret "db-user" with value "admin"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | db-password;db-user          |
      | keyvaultobjecttypes   | secret;secret                |
      | keyvaultobjectaliases | creds/password;creds/user    |
    Then the mount succeeds
    And the pod sees file "creds/password" containing "pw"
    And the pod sees file "creds/user" containing "admin"

  Scenario: Whitespace around list items is ignored
    Given the vault holds secret "one" with value "1"
    And the vault holds secret "two" with value "2"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | one ;  two    |
      | keyvaultobjecttypes | secret; secret |
    Then the mount succeeds
    And the pod sees file "one" containing "1"
    And the pod sees file "two" containing "2"

  Scenario: The legacy singular options still work
    Given the vault holds secret "legacy" with value "still here"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectname | legacy |
      | keyvaultobjecttype | secret |
    Then the mount succeeds
    And the pod sees file "legacy" containing "still here"

  Scenario Outline: Binary secrets are decoded from <format>
    Given the vault holds secret "blob" with value "<stored>"
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames   | blob     |
      | keyvaultobjecttypes   | secret   |
      | keyvaultobjectformats | <format> |
    Then the mount succeeds
    And the pod sees file "blob" with hex bytes "00ff10fe"

    Examples:
      | format | stored   |
      | base64 | AP8Q/g== |
      | hex    | 00FF10FE |

  Scenario: A file mode and the pod's fsGroup apply to every file
    Given the vault holds secret "ssh-key" with value "-----BEGIN OPENSSH PRIVATE KEY-----"
    When a pod with fsGroup 2000 mounts volume "kv" with options:
      | keyvaultobjectnames | ssh-key |
      | keyvaultobjecttypes | secret  |
      | filemode            | 0640    |
    Then the mount succeeds
    And file "ssh-key" has mode "0640"
    And file "ssh-key" is group-owned by 2000
