package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;

/**
 * A tracking server that accepts connections and never answers: MLflow's own client would wait for
 * ever; with {@link MlflowClients}' timeouts the call fails, naming the read timeout, and the
 * trainer can go on (retry, fail the start with a reason) instead of hanging.
 */
class MlflowClientsTest {
  @Test
  void aServerThatNeverAnswers_failsTheCall_insteadOfHangingIt() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (Exception closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      MlflowClient client =
          MlflowClients.withTimeouts(
              "http://127.0.0.1:" + silent.getLocalPort(), Duration.ofSeconds(1));

      MlflowClientException failed =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> assertThrows(MlflowClientException.class, () -> client.getRun("r1")),
              "the call hung: the client has no read timeout");

      boolean timedOut = false;
      for (Throwable t = failed; t != null; t = t.getCause()) {
        timedOut |= t instanceof SocketTimeoutException;
      }
      assertTrue(timedOut, "the failure names the read timeout: " + failed);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
