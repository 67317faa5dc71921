package io.kvflex.vault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A parsed HTTP/1.1 message: start line, headers (lower-case names), de-chunked body. */
final class RawHttpMessage {
  final String startLine;
  final Map<String, String> headers;
  final byte[] body;

  private RawHttpMessage(String startLine, Map<String, String> headers, byte[] body) {
    this.startLine = startLine;
    this.headers = headers;
    this.body = body;
  }

  String header(String name) {
    return headers.getOrDefault(name, "");
  }

  RawHttpMessage withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new RawHttpMessage(startLine, h, body);
  }

  RawHttpMessage without(String name) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.remove(name);
    return new RawHttpMessage(startLine, h, body);
  }

  RawHttpMessage withBody(byte[] newBody) {
    return new RawHttpMessage(startLine, headers, newBody);
  }

  RawHttpMessage withStatus(String line) {
    return new RawHttpMessage(line, headers, body);
  }

  /** Start line and headers, with a Content-Length of {@code length} and no chunking. */
  byte[] head(int length) {
    StringBuilder sb = new StringBuilder(startLine).append("\r\n");
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (!e.getKey().equals("content-length") && !e.getKey().equals("transfer-encoding")) {
        sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
      }
    }
    sb.append("content-length: ").append(length).append("\r\n\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  static RawHttpMessage readRequest(InputStream in) throws IOException {
    return read(in, false);
  }

  static RawHttpMessage readResponse(InputStream in) throws IOException {
    return read(in, true);
  }

  private static RawHttpMessage read(InputStream in, boolean response) throws IOException {
    String start;
    try {
      start = line(in);
    } catch (SocketException reset) {
      return null;
    }
    if (start == null || start.isEmpty()) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(
          l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
      body = chunked(in);
    } else {
      body = response ? in.readAllBytes() : new byte[0];
    }
    return new RawHttpMessage(start, headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
          // trailers
        }
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c < 0 && b.size() == 0) {
      return null;
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return startLine + " " + new ArrayList<>(headers.keySet());
  }
}
