package io.kvflex.localvault;

import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * Run in a child JVM whose environment points azure-identity at localvault's IMDS ({@code
 * AZURE_POD_IDENTITY_AUTHORITY_HOST}; MSAL4J reads it from the real environment only). Prints the
 * token's length, never the token.
 */
public final class ImdsProbe {
  private ImdsProbe() {}

  public static void main(String[] args) {
    var b = new ManagedIdentityCredentialBuilder().maxRetry(0);
    if (args.length > 1) {
      b.clientId(args[1]);
    }
    var token = b.build().getTokenSync(new TokenRequestContext().addScopes(args[0]));
    System.out.println("token-length=" + token.getToken().length());
  }
}
