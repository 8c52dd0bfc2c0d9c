package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code review}, {@code review_vote} and {@code review_comment} tables. State changes are
 * conditional updates on the state they start from, so the database decides races: a lead's claim
 * against another lead's, an answer against the timeout.
 */
@ApplicationScoped
public class ReviewRepository {
  private static final String COLUMNS =
      "id, dag_id, run_id, task_id, try_number, subject, body, options::text, defaults::text,"
          + " assigned_users::text, assigned_roles::text, fail_on_reject, metric, mode,"
          + " candidates::text, model, champion_run_id, champion_version, state, created_at,"
          + " timeout_at, chosen_options::text, responded_by, responded_at, chosen_candidate,"
          + " chosen_step, reason, promotion_id";

  private final Sql sql;

  ReviewRepository(Sql sql) {
    this.sql = sql;
  }

  /** Inserts the try's review unless it exists (a retried activity), and returns its id. */
  public long insertIfAbsent(ReviewRow r) {
    sql.update(
        "insert into review (dag_id, run_id, task_id, try_number, subject, body, options,"
            + " defaults, assigned_users, assigned_roles, fail_on_reject, metric, mode,"
            + " candidates, model, champion_run_id, champion_version, timeout_at) values (?, ?,"
            + " ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), cast(? as"
            + " jsonb), ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?) on conflict (dag_id, run_id,"
            + " task_id, try_number) do nothing",
        r.dagId(),
        r.runId(),
        r.taskId(),
        r.tryNumber(),
        r.subject(),
        r.body(),
        JsonColumns.write(r.options()),
        JsonColumns.write(r.defaults()),
        JsonColumns.write(r.assignedUsers()),
        JsonColumns.write(r.assignedRoles()),
        r.failOnReject(),
        r.metric(),
        r.mode(),
        JsonColumns.write(r.candidates()),
        r.model(),
        r.championRunId(),
        r.championVersion(),
        r.timeoutAt());
    return sql.queryOne(
            "select id from review where dag_id = ? and run_id = ? and task_id = ?"
                + " and try_number = ?",
            rs -> rs.getLong(1),
            r.dagId(),
            r.runId(),
            r.taskId(),
            r.tryNumber())
        .orElseThrow();
  }

  /**
   * Records the retrain evidence and policy a review opened with; a retried activity finds them
   * written and leaves them.
   */
  public void saveEvaluation(long id, Map<String, Object> evaluation, Map<String, Object> policy) {
    sql.update(
        "update review set evaluation = cast(? as jsonb), auto_promote = cast(? as jsonb)"
            + " where id = ? and evaluation is null",
        evaluation == null ? null : JsonColumns.write(evaluation),
        policy == null ? null : JsonColumns.write(policy),
        id);
  }

  /** The retrain evidence of review {@code id} (empty for a review without it). */
  public Optional<Map<String, Object>> evaluation(long id) {
    return sql.queryOne(
            "select evaluation::text from review where id = ? and evaluation is not null",
            rs -> rs.getString(1),
            id)
        .map(JsonColumns::readMap);
  }

  /** The auto-promote policy of review {@code id} (empty: off). */
  public Optional<Map<String, Object>> autoPromote(long id) {
    return sql.queryOne(
            "select auto_promote::text from review where id = ? and auto_promote is not null",
            rs -> rs.getString(1),
            id)
        .map(JsonColumns::readMap);
  }

  public Optional<ReviewRow> find(long id) {
    return sql.queryOne(
        "select " + COLUMNS + " from review where id = ?", ReviewRepository::row, id);
  }

  /**
   * Newest first. {@code states} empty matches every state; {@code dagId} and {@code runId} null
   * match every Dag and run.
   */
  public List<ReviewRow> list(String dagId, String runId, List<String> states, int limit) {
    return sql.query(
        "select "
            + COLUMNS
            + " from review where (cast(? as text) is null or dag_id = ?)"
            + " and (cast(? as text) is null or run_id = ?)"
            + " and (cardinality(cast(? as text[])) = 0 or state = any(cast(? as text[])))"
            + " order by created_at desc, id desc limit ?",
        ReviewRepository::row,
        dagId,
        dagId,
        runId,
        runId,
        states.toArray(String[]::new),
        states.toArray(String[]::new),
        limit);
  }

  /**
   * The reviews as Airflow 3's {@code hitlDetails} list sees them: the latest try of each review
   * task, beside its task instance ({@code ti_state}, {@code ti_operator}) and its run ({@code
   * run_after}), filtered, in {@code page}'s order (built from a whitelist of those columns and the
   * review's own).
   */
  public List<ReviewRow> search(ReviewFilter filter, Page page) {
    Where where = where(filter);
    return sql.query(
        "select "
            + COLUMNS
            + " from "
            + LATEST_TRIES
            + where.sql()
            + " order by "
            + page.orderBy()
            + " limit ? offset ?",
        ReviewRepository::row,
        where.argsThen(page.limit(), page.offset()));
  }

  public long count(ReviewFilter filter) {
    Where where = where(filter);
    return sql.count("select count(*) from " + LATEST_TRIES + where.sql(), where.args());
  }

  /** The review of one try of a review task; {@code tryNumber} null: its latest try. */
  public Optional<ReviewRow> findTry(String dagId, String runId, String taskId, Integer tryNumber) {
    return sql.queryOne(
        "select "
            + COLUMNS
            + " from review where dag_id = ? and run_id = ? and task_id = ?"
            + " and (cast(? as integer) is null or try_number = ?)"
            + " order by try_number desc limit 1",
        ReviewRepository::row,
        dagId,
        runId,
        taskId,
        tryNumber,
        tryNumber);
  }

  private static final String LATEST_TRIES =
      "(select r.*, ti.state as ti_state, ti.operator as ti_operator,"
          + " d.run_after,"
          + " r.state not in ('pending', 'deciding') as response_received"
          + " from review r"
          + " left join task_instance ti on ti.dag_id = r.dag_id and ti.run_id = r.run_id"
          + " and ti.task_id = r.task_id and ti.map_index = -1"
          + " left join dag_run d on d.dag_id = r.dag_id and d.run_id = r.run_id"
          + " where not exists (select 1 from review later where later.dag_id = r.dag_id"
          + " and later.run_id = r.run_id and later.task_id = r.task_id"
          + " and later.try_number > r.try_number)) hitl";

  private static Where where(ReviewFilter f) {
    Where where =
        new Where()
            .optional("dag_id", "=", f.dagId())
            .optional("run_id", "=", f.runId())
            .optional("task_id", "=", f.taskId())
            .optional("response_received", "=", f.responseReceived())
            .optional("created_at", ">=", f.createdGte())
            .optional("created_at", ">", f.createdGt())
            .optional("created_at", "<=", f.createdLte())
            .optional("created_at", "<", f.createdLt())
            .anyOf("ti_state", f.taskStates())
            .anyOf("responded_by", f.respondedBy());
    contains(where, "dag_id", f.dagIdPattern());
    contains(where, "task_id", f.taskIdPattern());
    contains(where, "subject", f.subjectSearch());
    contains(where, "body", f.bodySearch());
    if (f.dagIdPrefix() != null) {
      where.and("dag_id like ? escape '\\'", likeEscaped(f.dagIdPrefix()) + "%");
    }
    if (f.taskIdPrefix() != null) {
      where.and("task_id like ? escape '\\'", likeEscaped(f.taskIdPrefix()) + "%");
    }
    return where;
  }

  /** A case-insensitive substring; {@code %} and {@code _} in it are matched as themselves. */
  private static void contains(Where where, String column, String text) {
    if (text != null) {
      where.and(column + " ilike ? escape '\\'", "%" + likeEscaped(text) + "%");
    }
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** A lead's claim while the approval promotes: true when the review was pending. */
  public boolean claim(long id) {
    return sql.update("update review set state = 'deciding' where id = ? and state = 'pending'", id)
        == 1;
  }

  /** Gives a claim back (the promotion was refused): the review is pending again. */
  public void release(long id) {
    sql.update("update review set state = 'pending' where id = ? and state = 'deciding'", id);
  }

  /** Records the answer of a pending or claimed review; empty when it was decided already. */
  public Optional<ReviewRow> decide(
      long id,
      String state,
      List<String> chosenOptions,
      String by,
      String candidate,
      Long step,
      String reason,
      Long promotionId) {
    return sql.queryOne(
        "update review set state = ?, chosen_options = cast(? as jsonb), responded_by = ?,"
            + " responded_at = now(), chosen_candidate = ?, chosen_step = ?, reason = ?,"
            + " promotion_id = ? where id = ? and state in ('pending', 'deciding') returning "
            + COLUMNS,
        ReviewRepository::row,
        state,
        JsonColumns.write(chosenOptions),
        by,
        candidate,
        step,
        reason,
        promotionId,
        id);
  }

  /** Closes a pending review at its timeout with the defaults; empty when it was not pending. */
  public Optional<ReviewRow> timeOut(long id, List<String> defaults) {
    return sql.queryOne(
        "update review set state = 'timed_out', chosen_options = cast(? as jsonb),"
            + " responded_at = now() where id = ? and state = 'pending' returning "
            + COLUMNS,
        ReviewRepository::row,
        JsonColumns.write(defaults),
        id);
  }

  /** One vote per user per candidate: voting again changes it. */
  public void vote(long reviewId, String candidate, String voter, int value) {
    sql.update(
        "insert into review_vote (review_id, candidate, voter, value) values (?, ?, ?, ?)"
            + " on conflict (review_id, candidate, voter) do update set value = excluded.value,"
            + " at = now()",
        reviewId,
        candidate,
        voter,
        value);
  }

  public List<ReviewVoteRow> votes(long reviewId) {
    return sql.query(
        "select review_id, candidate, voter, value, at from review_vote where review_id = ?"
            + " order by at, voter",
        rs ->
            new ReviewVoteRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getObject(5, OffsetDateTime.class)),
        reviewId);
  }

  public ReviewCommentRow comment(long reviewId, String candidate, String author, String body) {
    return sql.queryOne(
            "insert into review_comment (review_id, candidate, author, body) values (?, ?, ?, ?)"
                + " returning id, review_id, candidate, author, body, at",
            ReviewRepository::comment,
            reviewId,
            candidate,
            author,
            body)
        .orElseThrow();
  }

  public List<ReviewCommentRow> comments(long reviewId) {
    return sql.query(
        "select id, review_id, candidate, author, body, at from review_comment"
            + " where review_id = ? order by at, id",
        ReviewRepository::comment,
        reviewId);
  }

  private static ReviewCommentRow comment(ResultSet rs) throws SQLException {
    return new ReviewCommentRow(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getObject(6, OffsetDateTime.class));
  }

  @SuppressWarnings("unchecked")
  private static ReviewRow row(ResultSet rs) throws SQLException {
    Object candidates = JsonColumns.readValue(rs.getString(15));
    Object chosen = JsonColumns.readValue(rs.getString(22));
    long step = rs.getLong(26);
    Long chosenStep = rs.wasNull() ? null : step;
    long promotion = rs.getLong(28);
    Long promotionId = rs.wasNull() ? null : promotion;
    return new ReviewRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getString(6),
        rs.getString(7),
        JsonColumns.readStrings(rs.getString(8)),
        JsonColumns.readStrings(rs.getString(9)),
        JsonColumns.readStrings(rs.getString(10)),
        JsonColumns.readStrings(rs.getString(11)),
        rs.getBoolean(12),
        rs.getString(13),
        rs.getString(14),
        candidates == null ? List.of() : (List<Map<String, Object>>) candidates,
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        rs.getString(19),
        rs.getObject(20, OffsetDateTime.class),
        rs.getObject(21, OffsetDateTime.class),
        chosen == null ? null : (List<String>) chosen,
        rs.getString(23),
        rs.getObject(24, OffsetDateTime.class),
        rs.getString(25),
        chosenStep,
        rs.getString(27),
        promotionId);
  }
}
