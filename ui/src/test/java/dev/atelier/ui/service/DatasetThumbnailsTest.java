package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path rules a thumbnail request meets before the disk is read, each naming path and rule. */
class DatasetThumbnailsTest {
  @Test
  void pathsThatCouldLeaveTheFolder_areRefused_namingTheRule() {
    Map<String, String> refused =
        Map.of(
            "../x.png", "path: '../x.png' must not contain '..'",
            "a/../../x.png", "path: 'a/../../x.png' must not contain '..'",
            "a\\..\\..\\x.png", "path: 'a\\..\\..\\x.png' must not contain '..'",
            "/etc/x.png",
                "path: '/etc/x.png' must be relative to the source's folder, not absolute",
            "C:/x.png", "path: 'C:/x.png' must be relative to the source's folder, not absolute",
            "a/notes.txt", "path: 'a/notes.txt' must name an image (.png, .jpg, .jpeg)",
            " ",
                "path: is required: a file's path relative to the source's folder, e.g."
                    + " cats/c0.png");
    refused.forEach(
        (path, detail) -> {
          ApiProblem p =
              assertThrows(ApiProblem.class, () -> DatasetThumbnails.checkShape(path), path);
          assertEquals(400, p.status());
          assertEquals(
              detail, p.detail().substring(0, Math.min(detail.length(), p.detail().length())));
        });
  }

  @Test
  void ordinaryPaths_pass() {
    for (String path : new String[] {"a.png", "cats/c0.PNG", "x/y/z.jpeg", "a..b.jpg"}) {
      DatasetThumbnails.checkShape(path);
    }
  }
}
