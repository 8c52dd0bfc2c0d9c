package dev.atelier.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The start options read back from postmaster.opts (no server needed). */
class PostgresServerTest {

  @Test
  void options_areWhatFollowsTheBinary_lessTheDataDirectoryPgCtlAddsItself() {
    assertEquals(
        "\"-p\" \"56432\" \"-k\" \"/x/pgsock\" \"-c\" \"listen_addresses=127.0.0.1\"",
        PostgresServer.options(
            "/usr/lib/postgresql/15/bin/postgres \"-D\" \"/x/pgdata\" \"-D\" \"/x/pgdata\""
                + " \"-p\" \"56432\" \"-k\" \"/x/pgsock\" \"-c\" \"listen_addresses=127.0.0.1\"\n"));
  }

  @Test
  void options_ofAServerStartedWithoutAny_areEmpty() {
    assertEquals("", PostgresServer.options("/usr/lib/postgresql/15/bin/postgres \"-D\" \"/d\""));
  }
}
