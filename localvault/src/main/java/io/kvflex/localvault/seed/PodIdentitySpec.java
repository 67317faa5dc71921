package io.kvflex.localvault.seed;

import java.time.Duration;

/**
 * An AAD Pod Identity binding as NMI sees it: the pod gets tokens of {@code identity} (a managed
 * identity name). NMI answers 404 for the first {@code activeAfterRequests} requests and until
 * {@code activeAfter} has passed since the binding was made, then 200.
 */
public record PodIdentitySpec(
    String namespace, String pod, String identity, int activeAfterRequests, Duration activeAfter) {}
