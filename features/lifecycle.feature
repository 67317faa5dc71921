@lifecycle
Feature: Mount and unmount behave as the kubelet expects
  init reports no attach support; mount is idempotent; unmount removes the volume and is safe
  to repeat; many pods can mount at once.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the driver is installed in the node's plugin directory
    And the vault holds secret "db-password" with value "pw"

  @k3s
  Scenario: init declares a driver without attach
    When the kubelet initialises the driver
    Then the driver answers exactly '{"status":"Success","capabilities":{"attach":false}}'

  Scenario: An unknown verb is not supported
    When the kubelet calls the driver with verb "getvolumename"
    Then the driver answers exactly '{"status":"Not supported"}'

  Scenario: Mounting twice is harmless and fetches once
    When a pod mounts secret "db-password" as service principal "app"
    And the kubelet calls mount again for the same directory
    Then the mount succeeds
    And the vault served "db-password" once

  Scenario: Unmounting removes the volume, and unmounting again succeeds
    When a pod mounts secret "db-password" as service principal "app"
    And the kubelet unmounts the volume
    Then the unmount succeeds
    And the volume directory is gone
    When the kubelet unmounts the volume
    Then the unmount succeeds

  Scenario: Many pods mount concurrently
    # Eight driver JVMs start at once on the node: each volume allows a generous deadline.
    When 8 pods mount secret "db-password" as service principal "app" at the same time, each with timeout "3m"
    Then every mount succeeds
    And every pod sees file "db-password" containing "pw"

  Scenario: A mount that failed succeeds when the kubelet retries after the vault recovers
    Given the vault throttles every request
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
      | timeout             | 5s          |
    Then the mount fails with a message containing "429"
    And nothing is left mounted
    When the vault stops throttling
    And the kubelet calls mount again for the same directory
    Then the mount succeeds
    And the pod sees file "db-password" containing "pw"
