@identity
Feature: Every identity mode obtains a token and mounts
  Exactly one identity per volume: a service principal with a client secret or a client
  certificate, AAD Pod Identity through the node's NMI, or the node's managed identity.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the driver is installed in the node's plugin directory
    And the vault holds secret "db-password" with value "pw-identity-7d02"

  @k3s
  Scenario: A service principal with a client secret
    When a pod mounts secret "db-password" as service principal "app"
    Then the mount succeeds
    And the pod sees file "db-password" containing "pw-identity-7d02"

  Scenario Outline: A service principal with a client certificate as <material>
    Given service principal "cert-app" authenticates with a client certificate and may read secrets
    When a pod mounts secret "db-password" as service principal "cert-app" using its certificate as <material>
    Then the mount succeeds
    And the pod sees file "db-password" containing "pw-identity-7d02"

    Examples:
      | material |
      | PEM      |
      | PKCS#12  |

  Scenario: A wrong client secret fails clearly and mounts nothing
    When a pod mounts secret "db-password" as service principal "app" with a wrong client secret
    Then the mount fails with a message containing "client secret"
    And the message names the client id of "app"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: Pod identity through NMI
    Given pod "web" in namespace "shop" is bound to managed identity "shop-id" which may read secrets
    When pod "web" in namespace "shop" mounts secret "db-password" with pod identity
    Then the mount succeeds
    And the pod sees file "db-password" containing "pw-identity-7d02"

  Scenario: Pod identity whose binding is assigned after a few attempts
    Given pod "web" in namespace "shop" will be bound to managed identity "shop-id" after 3 refused requests
    When pod "web" in namespace "shop" mounts secret "db-password" with pod identity
    Then the mount succeeds
    And NMI was asked 4 times

  Scenario: Pod identity whose binding never arrives fails before the deadline
    Given pod "web" in namespace "shop" has no identity binding
    When pod "web" in namespace "shop" mounts secret "db-password" with pod identity and timeout "8s"
    Then the mount fails with a message containing "not assigned"
    And the message mentions "shop/web"
    And the mount took less than 20 seconds
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: A pod cannot claim another pod's identity
    Given pod "web" in namespace "shop" is bound to managed identity "shop-id" which may read secrets
    When pod "intruder" in namespace "shop" mounts secret "db-password" with pod identity, claiming the kubelet's pod keys of pod "web"
    Then the mount fails with a message containing "kubernetes.io/pod"
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario Outline: The node's <kind> managed identity
    Given the node has a <kind> managed identity which may read secrets
    When a pod mounts secret "db-password" with the node's <kind> managed identity
    Then the mount succeeds
    And the pod sees file "db-password" containing "pw-identity-7d02"

    Examples:
      | kind            |
      | system-assigned |
      | user-assigned   |
