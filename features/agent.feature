@agent
Feature: The node agent serves kubelet calls warm, and never at the cost of a call
  The installer's DaemonSet runs `kv agent` on every node. The launcher hands each kubelet call to it
  when it is ready, and runs the call in-process otherwise. A call runs at most once, the kubelet
  always gets exactly one JSON object, and a dead, stale or hung agent costs one wait of at most a
  second before the launcher runs the call itself. The agent keeps tokens and connections warm,
  never a secret value, and never lends one identity's token to another.

  Background:
    Given a Key Vault "e2e-vault" whose service principal "app" may read secrets, keys and certificates
    And the driver is installed in the node's plugin directory
    And the vault holds secret "db-password" with value "pw-agent-SENTINEL-3b7e"

  Scenario: Mounts and unmounts go through the agent, which asks for one token
    Given a node agent has just started
    When a pod mounts secret "db-password" as service principal "app"
    And another pod mounts secret "db-password" as service principal "app"
    Then every mount succeeds
    And every pod sees file "db-password" containing "pw-agent-SENTINEL-3b7e"
    When the kubelet unmounts the volume
    Then the unmount succeeds
    And the volume directory is gone
    And the node agent served every call and none ran in-process
    And Entra ID issued 1 token to "app"
    And no secret reaches the driver output or log

  Scenario: A wrong client secret never rides on the token of the right one
    Given a node agent has just started
    When a pod mounts secret "db-password" as service principal "app"
    And a pod mounts secret "db-password" as service principal "app" with a wrong client secret
    Then the mount fails with a message containing "client secret"
    And Entra ID issued 1 token to "app"
    And no secret reaches the driver output or log

  Scenario: Two pods with pod identity each get their own token
    Given a node agent has just started
    And pod "web" in namespace "shop" is bound to managed identity "shop-id" which may read secrets
    And pod "api" in namespace "shop" is bound to managed identity "shop-id" which may read secrets
    When pod "web" in namespace "shop" mounts secret "db-password" with pod identity
    And pod "api" in namespace "shop" mounts secret "db-password" with pod identity
    And pod "web" in namespace "shop" mounts secret "db-password" with pod identity into another volume
    Then every mount succeeds
    And NMI was asked 2 times

  Scenario: The node's system-assigned and user-assigned identities never share a token
    Given a node agent has just started
    And the node has a system-assigned managed identity which may read secrets
    And the node has a user-assigned managed identity which may read secrets
    When a pod mounts secret "db-password" with the node's system-assigned managed identity
    And another pod mounts secret "db-password" with the node's user-assigned managed identity
    Then every mount succeeds
    And IMDS issued 1 token to the node's system-assigned identity and 1 to its user-assigned one
    And the vault served "db-password" to each of them once

  Scenario: Many pods mount through the agent at once
    Given a node agent has just started
    When 20 pods mount secret "db-password" as service principal "app" at the same time, each with timeout "2m"
    Then every mount succeeds
    And every pod sees file "db-password" containing "pw-agent-SENTINEL-3b7e"
    And the node agent served every call and none ran in-process
    And Entra ID issued 1 token to "app"

  Scenario: The request reaches the agent through a pipe: never a file, never another argv
    Given a node agent has just started
    And the vault answers every request after 2 seconds
    When a pod mounts secret "db-password" as service principal "app" while the node is inspected
    Then the mount succeeds
    And while the agent served it, no process but the kubelet's launcher held the client secret in its arguments
    And no file of the node's runtime directory held the client secret

  Scenario: The agent is killed while it serves a mount: one Failure, no second run
    Given a node agent has just started
    And the vault answers every request after 3 seconds
    When a pod mounts secret "db-password" as service principal "app" while the node agent is killed
    Then the mount fails with a message containing "node agent stopped while it handled this call"
    And the call did not run in-process
    And nothing is left mounted
    And no secret reaches the driver output or log

  Scenario: A dead agent costs one wait, then calls run in-process at once
    Given a node agent has just started
    And the node agent was killed
    When a pod mounts secret "db-password" as service principal "app"
    And another pod mounts secret "db-password" as service principal "app"
    Then every mount succeeds
    And the first call ran in-process because the agent did not claim it in time
    And the second call ran in-process at once because the agent is marked stale

  Scenario: A hung agent is passed by, and serves again once it recovers
    Given a node agent has just started
    And the node agent hangs
    When a pod mounts secret "db-password" as service principal "app"
    Then the mount succeeds
    And the first call ran in-process because the agent did not claim it in time
    When the node agent recovers
    And another pod mounts secret "db-password" as service principal "app"
    Then the mount succeeds
    And the last call was served by the node agent

  Scenario: An agent of another protocol version is never used
    Given the published node agent speaks protocol 999
    When a pod mounts secret "db-password" as service principal "app"
    Then the mount succeeds
    And the first call ran in-process because the agent speaks another protocol

  Scenario: A call that waited too long for the agent is answered, not run late
    Given a node agent that runs one call at a time and starts none later than 1 second after launch
    And the vault answers every request after 2 seconds
    When 2 pods mount secret "db-password" as service principal "app" at the same time, each with timeout "1m"
    Then one mount succeeds and the other fails with a message containing "too busy"
    And the vault served "db-password" once

  Scenario: The agent survives a vault outage
    Given a node agent has just started
    And the vault is unreachable
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password |
      | keyvaultobjecttypes | secret      |
      | timeout             | 5s          |
    Then the mount fails with a message containing "e2e-vault"
    When the vault is reachable again
    And the kubelet calls mount again for the same directory
    Then the mount succeeds
    And the node agent served every call and none ran in-process

  Scenario: Answers beyond the agent's memory fail their mount, and the agent lives on
    Given a node agent whose memory for vault answers is 1 MiB
    And the vault holds secret "api-key" with value "ak-agent-SENTINEL-51d0"
    And the vault's answers are padded to 250000 bytes
    When a pod mounts volume "kv" with options:
      | keyvaultobjectnames | db-password;api-key |
      | keyvaultobjecttypes | secret;secret       |
    Then the mount fails with a message containing "the driver ran out of memory (the node agent's memory for vault answers is limited to 1 MiB, KVFLEX_AGENT_MEMORY) during fetch secret/"
    And the message mentions "list fewer objects per volume (split them over several volumes), or raise KVFLEX_AGENT_MEMORY"
    And nothing is left mounted
    When the vault's answers are no longer padded
    And the kubelet calls mount again for the same directory
    Then the mount succeeds
    And the node agent served every call and none ran in-process
    And no secret reaches the driver output or log

  Scenario: A restarted agent cleans what a killed one and killed launchers left
    Given a node agent has just started
    And the node agent was killed
    And a killed launcher left a call behind
    When a node agent starts
    Then the node agent removed the abandoned call
    When a pod mounts secret "db-password" as service principal "app"
    Then the mount succeeds
    And the last call was served by the node agent

  Scenario: A stopped agent withdraws itself first
    Given a node agent has just started
    When the node agent is stopped
    Then it exited cleanly and no longer announces itself
    When a pod mounts secret "db-password" as service principal "app"
    Then the mount succeeds
    And the last call ran in-process without waiting for an agent
