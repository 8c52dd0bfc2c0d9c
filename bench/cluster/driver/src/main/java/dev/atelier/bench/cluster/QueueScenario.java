package dev.atelier.bench.cluster;

import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many queued trials at once against the ClusterQueue's GPU quota, waited on the way the worker
 * waits: each trial on a thread of its own (the worker gives each {@code awaitTrial} activity an
 * executor slot; Java 17 has no virtual threads, so a fixed pool of one thread per trial) that
 * launches it and then calls {@code awaitCompletion} with the worker's poll interval.
 */
final class QueueScenario {
  private final JobLauncher launcher;
  private final BenchTrials trials;
  private final long waitPollMs;
  private final String runFor;

  QueueScenario(JobLauncher launcher, BenchTrials trials, long waitPollMs, String runFor) {
    this.launcher = launcher;
    this.trials = trials;
    this.waitPollMs = waitPollMs;
    this.runFor = runFor;
  }

  /** Requests are built first, so the window holds only launches and waits. */
  List<JobRequest> requests(int n) {
    List<JobRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(trials.request("queue", i, true, runFor));
    }
    return out;
  }

  List<Map<String, Object>> run(List<JobRequest> requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(requests.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Map<String, Object>>> futures = new ArrayList<>();
    try {
      for (JobRequest r : requests) {
        futures.add(pool.submit(() -> trial(r, go)));
      }
      go.countDown();
      List<Map<String, Object>> out = new ArrayList<>();
      int done = 0;
      for (Future<Map<String, Object>> f : futures) {
        out.add(f.get());
        if (++done % 20 == 0 || done == futures.size()) {
          ClusterBench.say("queue: %d/%d trials ended (in launch order)", done, futures.size());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, Object> trial(JobRequest r, CountDownLatch go) throws InterruptedException {
    go.await();
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("job", r.name());
    long t0 = Micros.now();
    t.put("t0", t0);
    JobId id = launcher.launch(r);
    t.put("launched", Micros.now());
    List<Map<String, Object>> phases = new ArrayList<>();
    int[] polls = {0};
    String[] last = {null};
    JobState end =
        launcher.awaitCompletion(
            id,
            Duration.ofMillis(waitPollMs),
            s -> {
              polls[0]++;
              if (!s.phase().name().equals(last[0])) {
                last[0] = s.phase().name();
                phases.add(Map.of("phase", last[0], "t", Micros.now()));
              }
            });
    t.put("ended", Micros.now());
    t.put("end_state", end.phase().name());
    t.put("end_reason", end.reason());
    t.put("polls", polls[0] + 1);
    t.put("phases", phases);
    return t;
  }
}
