#!/bin/sh
# Regenerates the producer matrix (PKCS#12 and PEM files as real tools write them) from the committed
# key and chain under ../fixtures, with the tools themselves: OpenSSL 3 (every PKCS#12 export mode,
# PEM key forms), Python's `cryptography` and Java's keytool. The
# build never runs this script: the files it writes are committed, and the tests read them. Run it
# again at will: keys and certificates stay the same (only salts change), so the tests' oracle, the
# OpenSSL-made ../fixtures/leaf-{rsa,ec}.expected-chain.pem, still holds.
#
#   cd driver/src/test/resources/io/kvflex/render/producers && sh regenerate.sh
#
# Needs openssl (3.x), python3 with the `cryptography` package, and keytool. Test material only.
set -eu
cd "$(dirname "$0")"
fixtures=../fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The leaf keys as PEM, taken from the committed bundles (PKCS#8 RSA, SEC1 EC).
sed -n '/BEGIN PRIVATE KEY/,/END PRIVATE KEY/p' "$fixtures/leaf-rsa.bundle.pem" >"$work/rsa.key"
sed -n '/BEGIN EC PRIVATE KEY/,/END EC PRIVATE KEY/p' "$fixtures/leaf-ec.bundle-sec1.pem" >"$work/ec.key"
# The CA certificates OUT OF ORDER (root before intermediate): readers must order the chain.
cat "$fixtures/root-ca.crt.pem" "$fixtures/intermediate-ca.crt.pem" >"$work/cas.pem"

export_p12() { # export_p12 <out> <key type> <openssl pkcs12 options...>
  out=$1 k=$2
  shift 2
  openssl pkcs12 -export -inkey "$work/$k.key" -in "$fixtures/leaf-$k.crt.pem" \
    -certfile "$work/cas.pem" "$@" -out "$out"
}

for k in rsa ec; do
  # OpenSSL 3 defaults: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) bags, HMAC-SHA256 MAC.
  export_p12 "openssl3-default-$k.p12" $k -passout pass:
  # -legacy: 3DES key bag, RC2-40 certificate safe, SHA-1 MAC (OpenSSL 1.x defaults).
  export_p12 "openssl-legacy-$k.p12" $k -passout pass: -legacy
  # Unencrypted key and certificate bags (the JDK KeyStore sees neither), with and without MAC.
  export_p12 "openssl-none-$k.p12" $k -passout pass: -keypbe NONE -certpbe NONE
  export_p12 "openssl-none-nomac-$k.p12" $k -passout pass: -keypbe NONE -certpbe NONE -nomac
  # Encrypted bags, no MAC.
  export_p12 "openssl-nomac-$k.p12" $k -passout pass: -nomac
  # Windows / Key Vault style: 3DES bags, SHA-1 MAC, 2000 iterations, a GUID friendlyName,
  # localKeyId, the Microsoft CSP name attribute (1.3.6.1.4.1.311.17.1) and the key usage
  # attribute Windows adds (-keyex / -keysig).
  case $k in
    rsa) csp="Microsoft Enhanced RSA and AES Cryptographic Provider" usage=-keyex ;;
    ec) csp="Microsoft Software Key Storage Provider" usage=-keysig ;;
  esac
  export_p12 "windows-csp-$k.p12" $k -passout pass: -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES \
    -macalg sha1 -iter 2000 -name "{6d6f4a2e-1b3c-4d5e-8f90-a1b2c3d4e5f6}" -CSP "$csp" $usage

  # Python `cryptography`, NoEncryption(): plain key bag, plain certificate bags (the CA ones
  # without any attribute), MAC over the zero-length form of the empty password.
  python3 - "$work/$k.key" "$fixtures/leaf-$k.crt.pem" "$work/cas.pem" "python-noencryption-$k.p12" <<'PY'
import sys
from cryptography import x509
from cryptography.hazmat.primitives.serialization import NoEncryption, load_pem_private_key, pkcs12
key_file, leaf_file, cas_file, out = sys.argv[1:]
key = load_pem_private_key(open(key_file, "rb").read(), password=None)
leaf = x509.load_pem_x509_certificate(open(leaf_file, "rb").read())
cas = x509.load_pem_x509_certificates(open(cas_file, "rb").read())
open(out, "wb").write(pkcs12.serialize_key_and_certificates(None, key, leaf, cas, NoEncryption()))
PY

  # keytool (-storetype pkcs12) insists on a store password of 6+ characters: such a file needs a
  # password kvflex does not have, and must fail with a clear message.
  rm -f "keytool-changeit-$k.p12"
  keytool -importkeystore -noprompt -srckeystore "openssl3-default-$k.p12" -srcstoretype pkcs12 \
    -srcstorepass "" -destkeystore "keytool-changeit-$k.p12" -deststoretype pkcs12 \
    -deststorepass changeit >/dev/null 2>&1

  # Wrong password: a real one where kvflex expects the empty one, with and without MAC.
  export_p12 "openssl-password-$k.p12" $k -passout pass:S3cr3t-Sentinel
  export_p12 "openssl-password-nomac-$k.p12" $k -passout pass:S3cr3t-Sentinel -nomac
done

# Certificates only (Key Vault's export of a certificate whose key is not exportable).
cat "$fixtures/leaf-rsa.crt.pem" "$work/cas.pem" >"$work/chain.pem"
openssl pkcs12 -export -nokeys -in "$work/chain.pem" -passout pass: -out certificates-only.p12

# --- PEM as tools write it ------------------------------------------------------------------------
for k in rsa ec; do
  # `openssl pkcs12 -nodes`, the classic PFX-to-PEM step: "Bag Attributes" text around the blocks.
  openssl pkcs12 -in "windows-csp-$k.p12" -nodes -passin pass: -out "openssl-pkcs12-nodes-$k.pem"
  # Password-protected keys: PKCS#8 "ENCRYPTED PRIVATE KEY" and the traditional form with
  # Proc-Type/DEK-Info headers. kvflex must refuse both clearly.
  openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$work/$k.key" -passout pass:S3cr3t-Sentinel \
    -out "$work/$k.p8e"
  cat "$work/$k.p8e" "$fixtures/leaf-$k.crt.pem" "$work/cas.pem" >"encrypted-pkcs8-$k.pem"
  openssl pkey -in "$work/$k.key" -traditional -aes256 -passout pass:S3cr3t-Sentinel -out "$work/$k.tre"
  cat "$work/$k.tre" "$fixtures/leaf-$k.crt.pem" "$work/cas.pem" >"encrypted-traditional-$k.pem"
done

echo "producer matrix written to $(pwd)"
