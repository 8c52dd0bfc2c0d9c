-- Keyed XComs (xcom_push(key, value)) persisted beside the return value, so Airflow's
-- GET .../taskInstances/{task_id}/xcomEntries can list every key of an instance: a JSON object
-- key -> value, null when the instance pushed nothing. The return value stays in `xcom`.
alter table task_instance add column xcom_pushed jsonb;
