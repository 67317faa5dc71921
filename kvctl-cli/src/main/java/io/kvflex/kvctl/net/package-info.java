/**
 * What kvctl's network commands ({@code fetch}, {@code check-access}) share at their edge: the
 * run's deadline ({@code --timeout}) that bounds every wait, the proxies read as the driver reads
 * them, and the likely cause of a failure in kvctl's words (server not running, hosts file not set,
 * proxy, TLS). Depends on the driver's public API only, never on another kvctl package.
 */
package io.kvflex.kvctl.net;
