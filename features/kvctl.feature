@kvctl
Feature: kvctl checks manifests and fetches before a pod starts
  The same option validation the driver runs, available to developers and CI before deploy.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the vault holds secret "db-password" with value "pw"

  Scenario: The example manifests lint clean
    When kvctl lints "deployment/examples"
    Then kvctl exits with code 0

  Scenario: A broken manifest is reported with its line and rule
    Given a manifest "bad.yaml" whose azure/kv volume has tenantid "not-a-guid"
    When kvctl lints "bad.yaml"
    Then kvctl exits with code 1
    And kvctl reports the tenant id problem at the line of "tenantid" in "bad.yaml"

  Scenario: A dry-run fetch shows the files a pod would get without values
    Given a pod manifest mounting secret "db-password" from the vault with its credentials Secret
    When kvctl fetches that manifest as a dry run
    Then kvctl exits with code 0
    And kvctl lists file "db-password" with its size and SHA-256 prefix
    And kvctl's output does not contain "pw"

  # check-access reads localvault's own ARM and Microsoft Graph (from the same seed as its vault, the
  # caller being the node's identity) for its verdict, and --probe then fetches each object as the
  # pod's identity from the same vault.
  @check-access
  Scenario: check-access --probe confirms what localvault's ARM reports
    Given a pod manifest mounting secret "db-password" from the vault with its credentials Secret
    When kvctl checks that manifest's access against localvault's own ARM with --probe
    Then kvctl exits with code 0
    And kvctl's verdict for "secret/db-password" is "allowed"
    And the probe read the latest version of secret "db-password" and agrees with the verdict
    And kvctl's output shows no secret value and no client secret

  @check-access
  Scenario: check-access prints the az command that grants exactly what a denied identity lacks
    Given service principal "app" may read nothing in the vault
    And a pod manifest mounting secret "db-password" from the vault with its credentials Secret
    When kvctl checks that manifest's access against localvault's own ARM with --probe
    Then kvctl exits with code 1
    And kvctl's verdict for "secret/db-password" is "denied"
    And kvctl's fix for "secret/db-password" is az keyvault set-policy giving service principal "app" secret permissions "get"
    And the probe was refused "secret/db-password" with HTTP 403 and agrees with the verdict
    And kvctl's output shows no secret value and no client secret

  # An ARM that disagrees with the vault (stale, or another vault of the same name) is stubbed: --probe
  # is what catches it.
  @check-access
  Scenario: check-access --probe catches a vault that refuses what ARM grants
    Given ARM describes the vault with an access policy giving service principal "app" secret permissions "get"
    But service principal "app" may read nothing in the vault
    And a pod manifest mounting secret "db-password" from the vault with its credentials Secret
    When kvctl checks that manifest's access with --probe
    Then kvctl exits with code 1
    And kvctl's verdict for "secret/db-password" is "allowed"
    And the probe was refused "secret/db-password" with HTTP 403 and disagrees with the verdict
    And kvctl's output shows no secret value and no client secret
