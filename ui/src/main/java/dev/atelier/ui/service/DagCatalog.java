package dev.atelier.ui.service;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Optional;

/**
 * The Dags this build defines, loaded and validated once. A broken Dag fails the load, and so the
 * app's start, loudly: better than a run that fails later for a reason fixed at definition time.
 */
@ApplicationScoped
public class DagCatalog {
  private volatile DagBag bag;

  public Optional<Dag> get(String dagId) {
    return bag().get(dagId);
  }

  public Collection<Dag> all() {
    return bag().all();
  }

  private DagBag bag() {
    DagBag loaded = bag;
    if (loaded == null) {
      synchronized (this) {
        if (bag == null) {
          bag = DagBag.load();
        }
        loaded = bag;
      }
    }
    return loaded;
  }
}
