package io.kvflex.kvctl.access;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.errors.UserInputException;

/** Endpoints check-access derives from a {@link CloudEnvironment}. */
final class CloudEndpoints {
  private CloudEndpoints() {}

  /** ARM and Microsoft Graph; both must be known for the cloud. */
  static AccessEndpoints access(CloudEnvironment cloud) {
    String arm =
        cloud
            .resourceManagerEndpoint()
            .map(Object::toString)
            .orElseThrow(
                () ->
                    new UserInputException(
                        "cloud "
                            + cloud.name()
                            + " has no resourceManagerEndpoint; add it to the cloud environment file"));
    String graph =
        cloud
            .microsoftGraphEndpoint()
            .map(Object::toString)
            .orElseThrow(
                () ->
                    new UserInputException(
                        "cloud "
                            + cloud.name()
                            + " has no Microsoft Graph endpoint; add kvflex.microsoftGraphEndpoint to the"
                            + " cloud environment file, or use --object-id (no Graph lookup)"));
    return AccessEndpoints.of(arm, graph);
  }
}
