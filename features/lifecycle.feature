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

  # The real kubelet skips the driver when the volume directory is already a mount point, so a
  # half-filled mount would be taken as done: a volume must be complete or not mounted at all.
  Scenario Outline: A driver killed during a mount of many files leaves the volume complete or unmounted, and the next pod start works
    When a pod mounts 12 files of secret "db-password" and the driver is killed at step "<step>"
    Then the driver answered one Failure naming signal 9
    And the volume is "<state>"
    When the kubelet calls mount again for the same directory
    Then the mount succeeds
    And the pod sees all 12 files containing "pw"
    When the kubelet unmounts the volume
    Then the unmount succeeds
    And nothing is left on the node

    Examples:
      | step            | state       |
      | staging-mounted | not mounted |
      | file-written-6  | not mounted |
      | marker-written  | not mounted |
      | bound           | complete    |

  Scenario: A driver killed at random instants never leaves a half-filled volume
    When a pod mounts 12 files of secret "db-password" 4 times, the driver killed at a random instant each time, and the kubelet retries
    Then nothing is left on the node

  Scenario: Four concurrent mounts of one volume leave one layer and a clean unmount
    When 4 kubelet workers mount the same volume of one pod at the same instant
    Then every mount succeeds
    And the volume has exactly one mount layer
    And the pod sees file "db-password" containing "pw"
    When the kubelet unmounts the volume
    Then the unmount succeeds
    And the volume directory is gone
    And nothing is left on the node

  Scenario Outline: Unmount touches only the driver's own volumes
    Given a pod volume directory that is <planted>
    When the kubelet unmounts the volume
    Then the unmount fails with a message containing "<message>"
    And what was planted there is untouched

    Examples:
      | planted                                      | message              |
      | a regular file                               | is not a directory   |
      | a symbolic link to a tmpfs mounted elsewhere | is a symbolic link   |
      | a tmpfs mounted by someone else              | not a kvflex volume  |

  Scenario: A log path that is a symbolic link is refused and its target left untouched
    Given the driver log path is a symbolic link to a file holding "keep"
    When a pod mounts secret "db-password" as service principal "app"
    Then the mount succeeds
    And the link's target still holds only "keep" with its mode unchanged

  Scenario: A JVM that cannot start yields one Failure JSON
    Given the node runs no node agent
    And the node gives the driver too little memory for a JVM
    When a pod mounts secret "db-password" as service principal "app"
    Then the mount fails with a message containing "the Java runtime exited with status 1 before answering"
    And nothing is left mounted

  # The legacy driver mounted a plain tmpfs named "tmpfs", which kvflex does not take for its own.
  # The installer records those volumes by their exact mount (ID, device, directory) before it
  # switches the kubelet to kvflex; kvflex unmounts exactly those, and never one mounted later.
  Scenario: A volume the legacy driver mounted is unmounted after the upgrade
    Given the legacy driver is installed on the node
    And the legacy driver has mounted secret "db-password" for pod "legacy-app"
    When the installer replaces the legacy driver
    Then the installer adopted the volume before switching the kubelet to the new driver
    When the kubelet unmounts the volume
    Then the unmount succeeds
    And the volume directory is gone
    And the driver log has event "unmount.adopted"
    And nothing is left on the node

  Scenario: A tmpfs mounted like the legacy driver's after the upgrade is never unmounted
    Given the legacy driver is installed on the node
    When the installer replaces the legacy driver
    And someone mounts a tmpfs named "tmpfs" holding secret "db-password" at the volume of pod "late-app"
    And the kubelet unmounts the volume
    Then the unmount fails with a message containing "this one was not adopted"
    And the volume is still mounted with the legacy driver's file "db-password"
