package io.kvflex.localvault.seed;

import java.util.Optional;

/**
 * An application registration with a client secret and/or a client certificate.
 *
 * @param certificatePem PEM certificate whose key signs client assertions (given or generated)
 */
public record ServicePrincipalSpec(
    String name,
    String tenant,
    String clientId,
    String objectId,
    Optional<SecretText> clientSecret,
    Optional<String> certificatePem,
    boolean generateCertificate) {}
