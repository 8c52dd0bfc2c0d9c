package dev.atelier.trainers.train;

import java.util.List;

/**
 * A command's {@code --class NAME} against a loaded generator's classes: names become label
 * indices, and a name that is not a class, or a class asked of an unconditional generator, is an
 * error naming the option, the value and the valid names. Also makes a class name safe to put in a
 * file name (class names are folder names, which may hold any character).
 */
public final class ClassChoice {
  /** Valid names listed in an error, at most; a data set may have up to 1,000 classes. */
  static final int LISTED = 50;

  private ClassChoice() {}

  /**
   * @param option the option's name in messages, e.g. {@code --class}
   * @param names the names given, in the order wanted
   * @param generator what the classes are looked up in
   * @param model the checkpoint's model, for the message when it has no classes
   * @return one label index per name
   * @throws IllegalArgumentException a name is not a class of {@code generator}, or it has none;
   *     the message names every such name and the valid ones
   */
  public static int[] resolve(
      String option, List<String> names, ImageGenerator generator, String model) {
    List<String> classes = generator.classNames();
    if (classes.isEmpty()) {
      throw new IllegalArgumentException(
          option
              + ": \""
              + String.join("\", \"", names)
              + "\" applies only to a conditional checkpoint (cdcgan32, cdcgan64, cdcgan128);"
              + " this one is "
              + model
              + ", which has no classes");
    }
    int[] labels = new int[names.size()];
    StringBuilder bad = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      labels[i] = classes.indexOf(names.get(i));
      if (labels[i] < 0) {
        bad.append(bad.length() == 0 ? "" : ", ").append('"').append(names.get(i)).append('"');
      }
    }
    if (bad.length() > 0) {
      throw new IllegalArgumentException(
          option
              + ": "
              + bad
              + (bad.indexOf(",") > 0 ? " are not classes" : " is not a class")
              + " of this checkpoint; its classes are "
              + listed(classes));
    }
    return labels;
  }

  /** The names, cut after {@value #LISTED} with how many there are in all. */
  static String listed(List<String> classes) {
    if (classes.size() <= LISTED) {
      return classes.toString();
    }
    String head = classes.subList(0, LISTED).toString();
    return head.substring(0, head.length() - 1) + ", ... (" + classes.size() + " in all)]";
  }

  /**
   * A class name as a file name part: letters, digits, '.', '-' and '_' kept, anything else '_', at
   * most 40 characters.
   */
  public static String fileSafe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.length() > 40 ? s.substring(0, 40) : s;
  }
}
