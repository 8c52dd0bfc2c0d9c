package dev.atelier.ui.security;

import dev.atelier.ui.config.AtelierConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The RS256 key pair behind {@code /auth/token}: smallrye-jwt-build signs with its private half,
 * smallrye-jwt verifies bearer tokens with its public half (this class produces the verification
 * settings, so no {@code mp.jwt.*} property has to point at a file that may not exist yet). A
 * configured pair wins; otherwise one is generated at the first start under {@code
 * <atelier.home>/jwt/} and reused after, so tokens outlive a restart.
 */
@Startup
@ApplicationScoped
public class TokenKeys {
  private static final Logger LOG = Logger.getLogger(TokenKeys.class);
  static final String PRIVATE_SETTING = "ATELIER_JWT_PRIVATE_KEY (atelier.auth.token.private-key)";
  static final String PUBLIC_SETTING = "ATELIER_JWT_PUBLIC_KEY (atelier.auth.token.public-key)";

  private final AuthConfig.Token config;
  private final KeyPair keys;

  TokenKeys(AuthConfig auth, AtelierConfig atelier) {
    this.config = auth.token();
    this.keys = load(config, atelier.home().resolve("jwt"));
  }

  /** A signed token for {@code username} holding {@code role} in {@code groups}. */
  public String sign(String username, String role) {
    return Jwt.issuer(config.issuer())
        .upn(username)
        .subject(username)
        .groups(Set.of(role))
        .expiresIn(config.lifetime())
        .jws()
        .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
        .sign(keys.getPrivate());
  }

  public long lifetimeSeconds() {
    return config.lifetime().toSeconds();
  }

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  JWTAuthContextInfo verification() {
    JWTAuthContextInfo info = new JWTAuthContextInfo(keys.getPublic(), config.issuer());
    info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
    return info;
  }

  static KeyPair load(AuthConfig.Token config, Path generatedDir) {
    try {
      if (config.privateKey().isPresent() != config.publicKey().isPresent()) {
        throw new IllegalStateException(
            "Set both " + PRIVATE_SETTING + " and " + PUBLIC_SETTING + ", or neither");
      }
      if (config.privateKey().isPresent()) {
        return read(config.privateKey().get(), config.publicKey().get());
      }
      Path privateFile = generatedDir.resolve("signing-key.pem");
      Path publicFile = generatedDir.resolve("signing-key.pub.pem");
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        return read(privateFile, publicFile);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(generatedDir);
      write(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded());
      write(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
      LOG.infof(
          "Generated the token signing key pair %s (set %s and %s to use your own)",
          privateFile, PRIVATE_SETTING, PUBLIC_SETTING);
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Token signing keys: " + e.getMessage(), e);
    }
  }

  private static KeyPair read(Path privateFile, Path publicFile)
      throws IOException, GeneralSecurityException {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(pem(publicFile)));
    PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(privateFile)));
    return new KeyPair(publicKey, privateKey);
  }

  private static byte[] pem(Path file) throws IOException {
    String body =
        Files.readString(file)
            .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static void write(Path file, String type, byte[] der) throws IOException {
    String pem =
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n";
    Files.writeString(file, pem);
    if (type.equals("PRIVATE KEY")) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's own permissions have to do.
      }
    }
  }
}
