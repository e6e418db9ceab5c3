package io.conduit.provider.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain socket client that sees HTTP/1.1 framing exactly as the server wrote it. */
final class RawClient implements AutoCloseable {

  final Socket socket;
  private final InputStream in;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
  }

  static RawClient connect(FakeOpenAi fake) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", fake.port()), 5_000);
    socket.setSoTimeout(10_000);
    return new RawClient(socket);
  }

  static String post(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-test\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n" + json;
  }

  RawClient send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
    return this;
  }

  /** The status line and header lines, up to the empty line. */
  List<String> readHead() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      lines.add(line);
    }
    return lines;
  }

  static String header(List<String> head, String name) {
    return head.stream()
        .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .map(l -> l.substring(name.length() + 1).strip())
        .findFirst().orElse(null);
  }

  /** One chunk's data, or null for the last (zero-length) chunk after reading its trailer CRLF. */
  String readChunk() throws IOException {
    int size = Integer.parseInt(readLine(), 16);
    if (size == 0) {
      if (!readLine().isEmpty()) {
        throw new IOException("trailer fields not expected");
      }
      return null;
    }
    byte[] data = in.readNBytes(size);
    if (data.length < size || !readLine().isEmpty()) {
      throw new EOFException("chunk cut short");
    }
    return new String(data, StandardCharsets.UTF_8);
  }

  /** All chunks up to the last one. */
  List<String> readChunks() throws IOException {
    List<String> chunks = new ArrayList<>();
    for (String chunk = readChunk(); chunk != null; chunk = readChunk()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  byte[] readBytes(int n) throws IOException {
    return in.readNBytes(n);
  }

  /** Whether the server closed the connection (the next read sees EOF). */
  boolean atEof() throws IOException {
    return in.read() < 0;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("EOF after " + line.size() + " bytes of a line");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    if (!s.endsWith("\r")) {
      throw new IOException("line not ended by CRLF: " + s);
    }
    return s.substring(0, s.length() - 1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
