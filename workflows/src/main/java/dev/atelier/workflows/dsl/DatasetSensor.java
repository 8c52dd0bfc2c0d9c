package dev.atelier.workflows.dsl;

/**
 * Waits until the dataset {@code uri} has an event newer than this run's {@code
 * data_interval_start} (the data of this interval arrived); the event (id, time, extra) is the
 * task's XCom. Each poke is the {@code PokeDataset} activity, which reads the dataset events the
 * REST API records. (Airflow has no such sensor; dataset-triggered Dag starts are the other way to
 * wait for data, and come with the scheduler.)
 */
public final class DatasetSensor extends BaseSensor<DatasetSensor> {
  public DatasetSensor(String taskId, String uri) {
    super(taskId);
    arg("uri", uri);
  }

  @Override
  protected String sensorType() {
    return "dataset";
  }

  @Override
  public String operator() {
    return "DatasetSensor";
  }
}
