@rotation @agent-run-only
Feature: Mounted volumes follow Key Vault while the pod runs
  A volume with the option rotationpollinterval is polled by the node agent: on each interval
  (give or take a tenth, spread across volumes) it fetches the objects not pinned to a version,
  renders them, and when any file's bytes differ swaps the whole set in through ..data, so the
  pod sees all old or all new files. A failed poll keeps the old files. Unmount stops polling at
  once. An agent that restarts finds the rotating volumes again and resumes those whose identity
  it can obtain on the node by itself. The intervals here are the option's minimum, 5 seconds;
  waits allow a loaded machine's poll time on top of the intervals they name.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the driver is installed in the node's plugin directory
    And the vault holds secret "db-password" with value "pw-rot-OLD-SENTINEL-81c2"
    And a node agent has just started

  Scenario: A new secret version appears within two intervals, every file at once
    When a pod mounts secret "db-password" as 3 files polled every "5s"
    Then the mount succeeds
    When the vault gets a new version of secret "db-password" with value "pw-rot-NEW-SENTINEL-4d09" while the pod reads its files
    Then within two intervals every file of the volume holds "pw-rot-NEW-SENTINEL-4d09"
    And the pod never saw files of two versions side by side, nor a missing file
    And the node agent logged one rotation of secret "db-password" from its old to its new version
    And the node agent served every call and none ran in-process
    And Entra ID issued 1 token to "app"
    And no secret reaches the driver output or log

  Scenario: A new certificate version rotates the PEM chain and the PFX together
    Given the vault holds certificate "tls" issued by an intermediate and a root CA
    When a pod mounts the backing secret of certificate "tls" as "tls.pem" and "tls.pfx" polled every "5s"
    Then the mount succeeds
    When the vault gets a new version of certificate "tls" issued by an intermediate and a root CA
    Then within two intervals the private key in file "tls.pem" matches the certificate "tls"
    And the certificates in file "tls.pem" run leaf, intermediate, root
    And file "tls.pfx" is a PKCS#12 keystore with an empty password holding the key of certificate "tls"

  Scenario: A pinned version is never fetched again and never changes
    Given the vault holds secret "license" with versions "license-v1" then "license-v2"
    When a pod mounts secret "db-password" and secret "license" pinned to its first version, polled every "5s"
    Then the mount succeeds
    When the vault gets a new version of secret "db-password" with value "pw-rot-NEW-SENTINEL-77aa"
    And the vault gets a new version of secret "license" with value "license-v3"
    Then within two intervals the pod sees file "db-password" containing "pw-rot-NEW-SENTINEL-77aa"
    And the pod sees file "license" containing "license-v1"
    And the vault served secret "license" only for the mount

  Scenario: The vault down during a poll keeps the old files, and rotation recovers
    When a pod mounts secret "db-password" polled every "5s"
    Then the mount succeeds
    When the vault fails every request with status 503
    Then kv status soon shows the volume with a failed poll
    And the pod sees file "db-password" containing "pw-rot-OLD-SENTINEL-81c2"
    When the vault recovers
    And the vault gets a new version of secret "db-password" with value "pw-rot-NEW-SENTINEL-0c3e"
    Then within two intervals the pod sees file "db-password" containing "pw-rot-NEW-SENTINEL-0c3e"
    And kv status shows the volume with no failure since
    And the node agent logged the failure streak once
    And no secret reaches the driver output or log

  Scenario: Polling stops at unmount
    When a pod mounts secret "db-password" polled every "5s"
    Then the mount succeeds
    And the node agent polls the volume at least once
    When the kubelet unmounts the volume
    Then the unmount succeeds
    And the vault serves no further request for secret "db-password" during two intervals
    And kv status lists no volume

  Scenario: An agent restart resumes rotation, except for service-principal volumes
    Given the node has a system-assigned managed identity which may read secrets
    When a pod mounts secret "db-password" with the node's system-assigned managed identity, polled every "5s"
    And another pod mounts secret "db-password" as service principal "app", polled every "5s"
    Then every mount succeeds
    When the node agent is restarted
    And the vault gets a new version of secret "db-password" with value "pw-rot-NEW-SENTINEL-e51b"
    Then within two intervals the managed identity's pod sees file "db-password" containing "pw-rot-NEW-SENTINEL-e51b"
    And the service principal's pod still sees file "db-password" containing "pw-rot-OLD-SENTINEL-81c2"
    And kv status shows the service principal's volume as not polled, because its credentials are not in the agent's memory
    And the node agent logged that it did not resume the service principal's volume
    And no file of the node's runtime directory or of the service principal's volume holds its client secret
    And no secret reaches the driver output or log
