package io.kvflex.render;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER the JDK does not expose: reading the fields of legacy key formats and X.509 key
 * identifier extensions, and wrapping PKCS#1/SEC1 keys into PKCS#8. Only definite-length,
 * single-byte-tag encodings occur in these structures.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  private Der() {}

  /** One tag-length-value; {@code encoded} is the whole TLV, {@code content} its value bytes. */
  record Tlv(int tag, byte[] content, byte[] encoded) {}

  /** Reads the one TLV that {@code der} must consist of. */
  static Tlv parse(byte[] der) throws BadContentException {
    List<Tlv> all = parseAll(der);
    if (all.size() != 1) {
      throw new BadContentException("is not a single DER structure");
    }
    return all.get(0);
  }

  /** Reads consecutive TLVs (e.g. the content of a SEQUENCE). */
  static List<Tlv> parseAll(byte[] der) throws BadContentException {
    List<Tlv> out = new ArrayList<>();
    int pos = 0;
    while (pos < der.length) {
      if (der.length - pos < 2) {
        throw new BadContentException("has a truncated DER structure");
      }
      int tag = der[pos] & 0xff;
      int lenByte = der[pos + 1] & 0xff;
      int headerLen = 2;
      int len;
      if (lenByte < 0x80) {
        len = lenByte;
      } else {
        int count = lenByte & 0x7f;
        if (count == 0 || count > 3 || der.length - pos < 2 + count) {
          throw new BadContentException("has an unsupported DER length");
        }
        len = 0;
        for (int i = 0; i < count; i++) {
          len = (len << 8) | (der[pos + 2 + i] & 0xff);
        }
        headerLen += count;
      }
      int end = pos + headerLen + len;
      if (len < 0 || end > der.length) {
        throw new BadContentException("has a truncated DER structure");
      }
      out.add(
          new Tlv(
              tag,
              Arrays.copyOfRange(der, pos + headerLen, end),
              Arrays.copyOfRange(der, pos, end)));
      pos = end;
    }
    return out;
  }

  /** Encodes a TLV whose content is the concatenation of {@code parts}. */
  static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    int len = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
