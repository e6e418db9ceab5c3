package io.conduit.provider.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes HTTP/1.1 responses byte by byte as the fake chooses: a head, then either a body of known
 * length or chunks ({@code Transfer-Encoding: chunked}, RFC 9112 §7.1). Nothing is flushed
 * implicitly except where a method says so, so a caller decides what reaches the wire when.
 */
final class HttpResponseWriter {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static volatile String cachedDate = "";
  private static volatile long cachedSecond = -1;

  private final OutputStream out;

  HttpResponseWriter(OutputStream out) {
    this.out = out;
  }

  /** {@code HTTP/1.1 100 Continue}, flushed. */
  void writeContinue() throws IOException {
    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /**
   * Writes the status line, {@code date}, the given headers in order, and the framing header:
   * {@code content-length} when {@code contentLength >= 0}, otherwise {@code transfer-encoding:
   * chunked}; then {@code connection}.
   */
  void writeHead(int status, List<Map.Entry<String, String>> headers, long contentLength, boolean keepAlive)
      throws IOException {
    StringBuilder head = new StringBuilder(512)
        .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
        .append("date: ").append(httpDate()).append("\r\n");
    boolean typed = false;
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equals("content-type")) {
        head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        typed = true;
      }
    }
    if (!typed) {
      throw new IllegalArgumentException("content-type is required");
    }
    if (contentLength >= 0) {
      head.append("content-length: ").append(contentLength).append("\r\n");
    } else {
      head.append("transfer-encoding: chunked\r\n");
    }
    head.append("connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
    for (Map.Entry<String, String> h : headers) {
      if (!h.getKey().equals("content-type")) {
        head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Raw bytes as they are (a fixed-length body or part of one). */
  void writeRaw(byte[] bytes, int length) throws IOException {
    out.write(bytes, 0, length);
  }

  /** One chunk: size in hex, CRLF, data, CRLF. Empty data is refused (it would end the body). */
  void writeChunk(byte[] data) throws IOException {
    if (data.length == 0) {
      throw new IllegalArgumentException("an empty chunk ends the body; use writeLastChunk");
    }
    out.write(Integer.toHexString(data.length).getBytes(StandardCharsets.US_ASCII));
    out.write(CRLF);
    out.write(data);
    out.write(CRLF);
  }

  /** The zero-length chunk and the empty trailer section that end a chunked body. */
  void writeLastChunk() throws IOException {
    out.write(LAST_CHUNK);
  }

  void flush() throws IOException {
    out.flush();
  }

  /** The current time as an IMF-fixdate (RFC 9110 §5.6.7), recomputed once a second. */
  static String httpDate() {
    long now = System.currentTimeMillis() / 1000;
    if (now != cachedSecond) {
      cachedDate = IMF_FIXDATE.format(Instant.ofEpochSecond(now));
      cachedSecond = now;
    }
    return cachedDate;
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status < 500 ? "Client Error" : "Server Error";
    };
  }
}
