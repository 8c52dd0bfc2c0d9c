package dev.atelier.activities.datasets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * A bucket prefix named as {@code s3://bucket/prefix}: the bucket follows S3's naming rules (3 to
 * 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit); the
 * prefix is everything after the bucket, kept with one trailing {@code /} so that {@code
 * s3://b/faces} does not also take {@code faces-old/}. An empty prefix is the whole bucket.
 *
 * @param bucket the bucket's name
 * @param prefix the key prefix, empty or ending in {@code /}
 */
public record S3Location(String bucket, String prefix) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /**
   * @param field the request field the URI came in, named in the message
   * @throws BadDatasetException naming the field, the value and the rule
   */
  public static S3Location parse(String field, String uri) {
    String rule =
        " must be s3://bucket/prefix (a bucket of 3 to 63 lower-case letters, digits, '.' or '-')";
    if (uri == null || !uri.startsWith("s3://")) {
      throw new BadDatasetException(field + ": '" + uri + "'" + rule);
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new BadDatasetException(
          field + ": '" + uri + "' has bucket '" + bucket + "', which" + rule.substring(1));
    }
    if (prefix.contains("//")
        || prefix.startsWith("/")
        || prefix.contains("?")
        || prefix.contains("#")
        || prefix.indexOf('\0') >= 0) {
      throw new BadDatasetException(
          field
              + ": '"
              + uri
              + "' has prefix '"
              + prefix
              + "', which must be key parts separated by single '/' (no '?', '#')");
    }
    for (String part : prefix.split("/")) {
      if (part.equals("..") || part.equals(".")) {
        throw new BadDatasetException(
            field + ": '" + uri + "' must not contain '.' or '..' in its prefix");
      }
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    try {
      new URI("s3", bucket, "/" + prefix, null);
    } catch (URISyntaxException e) {
      throw new BadDatasetException(field + ": '" + uri + "' is not a URI: " + e.getMessage());
    }
    return new S3Location(bucket, prefix);
  }

  /** The location as a URI, without the prefix's trailing {@code /}: {@code s3://emoji/faces}. */
  public String uri() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.replaceAll("/$", ""));
  }
}
