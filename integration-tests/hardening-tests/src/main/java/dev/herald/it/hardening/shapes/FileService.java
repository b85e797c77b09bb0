package dev.herald.it.hardening.shapes;

import java.io.FileNotFoundException;
import java.io.IOException;

/** Configured; declares checked exceptions, one method throws one. */
public class FileService {

  public String update(String name) throws IOException {
    if (name.isEmpty()) {
      throw new IOException("empty name");
    }
    return "saved:" + name;
  }

  public void delete(String name) throws IOException {
    throw new FileNotFoundException("no such file: " + name);
  }
}
