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
