package io.kvflex.localvault.seed;

/**
 * A role assignment.
 *
 * @param guid the assignment's name
 * @param principalId object id of the service principal, managed identity or group
 * @param principalType {@code ServicePrincipal} or {@code Group}
 * @param roleGuid the role definition's GUID
 * @param scope a canonical ARM scope ({@code /}, a management group, subscription, resource group,
 *     vault or vault object)
 */
public record RoleAssignmentSpec(
    String guid, String principalId, String principalType, String roleGuid, String scope) {}
