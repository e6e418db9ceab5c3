package io.conduit.provider.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests (RFC 9112) off one connection: request line, header fields, and a body
 * framed by {@code Content-Length} or {@code Transfer-Encoding: chunked} (extensions and trailers
 * are read and dropped).
 */
final class HttpRequestReader {

  /** A request as read off the wire; header names lower-cased. */
  record Raw(String method, String target, String version, Map<String, List<String>> headers, byte[] body) {
    String first(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.getFirst();
    }
  }

  /** The request cannot be parsed; the connection must answer 400 and close. */
  static final class MalformedRequestException extends IOException {
    MalformedRequestException(String message) {
      super(message);
    }
  }

  /** Called after the head of a request with {@code Expect: 100-continue}, before its body. */
  interface ContinueHandler {
    void sendContinue() throws IOException;
  }

  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 256;
  private static final long MAX_BODY = 64L * 1024 * 1024;

  private final InputStream in;
  private final byte[] buffer = new byte[16 * 1024];
  private int pos;
  private int limit;

  /** Reads from {@code in}, unbuffered: this reader does its own buffering. */
  HttpRequestReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next request.
   *
   * @return the request, or null when the peer closed the connection cleanly between requests
   * @throws EOFException when the peer closed in the middle of a request
   */
  Raw read(ContinueHandler onExpectContinue) throws IOException {
    String requestLine = readLine(true);
    while (requestLine != null && requestLine.isEmpty()) { // RFC 9112 §2.2: skip leading CRLFs
      requestLine = readLine(true);
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
      throw new MalformedRequestException("bad request line: " + requestLine);
    }
    Map<String, List<String>> headers = readFields();
    Raw head = new Raw(parts[0], parts[1], parts[2], headers, new byte[0]);
    String te = head.first("transfer-encoding");
    String cl = head.first("content-length");
    boolean chunked = te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    if (!chunked && cl == null) {
      return head;
    }
    if ("100-continue".equalsIgnoreCase(head.first("expect"))) {
      onExpectContinue.sendContinue();
    }
    byte[] body = chunked ? readChunked() : readFixed(parseLength(cl));
    return new Raw(head.method(), head.target(), head.version(), headers, body);
  }

  private Map<String, List<String>> readFields() throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int count = 0;
    for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
      if (++count > MAX_HEADERS) {
        throw new MalformedRequestException("too many header fields");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
          || Character.isWhitespace(line.charAt(colon - 1))) {
        throw new MalformedRequestException("bad header field: " + line);
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).strip());
    }
    return headers;
  }

  private static long parseLength(String value) throws MalformedRequestException {
    try {
      long n = Long.parseLong(value.strip());
      if (n < 0 || n > MAX_BODY) {
        throw new MalformedRequestException("bad content-length: " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new MalformedRequestException("bad content-length: " + value);
    }
  }

  private byte[] readFixed(long length) throws IOException {
    byte[] body = new byte[(int) length];
    int have = Math.min(limit - pos, body.length);
    System.arraycopy(buffer, pos, body, 0, have);
    pos += have;
    while (have < body.length) {
      int n = in.read(body, have, body.length - have);
      if (n < 0) {
        throw new EOFException("connection closed after " + have + " of " + length + " body bytes");
      }
      have += n;
    }
    return body;
  }

  /** The next byte, or -1 at EOF. */
  private int next() throws IOException {
    if (pos == limit) {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return -1;
      }
      pos = 0;
      limit = n;
    }
    return buffer[pos++] & 0xff;
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(false);
      int semi = sizeLine.indexOf(';');
      String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new MalformedRequestException("bad chunk size: " + sizeLine);
      }
      if (size < 0 || body.size() + size > MAX_BODY) {
        throw new MalformedRequestException("chunked body too large");
      }
      if (size == 0) {
        readFields(); // trailer section up to the final empty line
        return body.toByteArray();
      }
      body.write(readFixed(size));
      if (!readLine(false).isEmpty()) {
        throw new MalformedRequestException("chunk data not followed by CRLF");
      }
    }
  }

  /** Reads up to CRLF (or a bare LF); null on EOF before any byte when {@code eofAllowed}. */
  private String readLine(boolean eofAllowed) throws IOException {
    byte[] buf = new byte[128];
    int len = 0;
    while (true) {
      int b = next();
      if (b < 0) {
        if (len == 0 && eofAllowed) {
          return null;
        }
        throw new EOFException("connection closed in the middle of a request");
      }
      if (b == '\n') {
        if (len > 0 && buf[len - 1] == '\r') {
          len--;
        }
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
      }
      if (len == MAX_LINE) {
        throw new MalformedRequestException("line longer than " + MAX_LINE + " bytes");
      }
      if (len == buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE, len * 2));
      }
      buf[len++] = (byte) b;
    }
  }
}
