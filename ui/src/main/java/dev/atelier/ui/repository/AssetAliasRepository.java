package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code asset_alias} tables: the aliases, the assets each resolves to ({@code
 * asset_alias_asset}) and the events added through each ({@code asset_alias_asset_event}).
 */
@ApplicationScoped
public class AssetAliasRepository {
  private static final String COLUMNS = "a.id, a.name, a.\"group\"";

  private final Sql sql;

  AssetAliasRepository(Sql sql) {
    this.sql = sql;
  }

  /** The alias's row, created on first sight; a known alias takes the group it is declared with. */
  public long ensure(String name, String group) {
    return sql.queryOne(
            """
            insert into asset_alias (name, "group") values (?, ?)
            on conflict (name) do update set "group" = excluded."group"
            returning id
            """,
            rs -> rs.getLong(1),
            name,
            group)
        .orElseThrow();
  }

  /** The asset joins what the alias resolves to; answers whether it is new to the alias. */
  public boolean resolve(long aliasId, long datasetId) {
    return sql.update(
            "insert into asset_alias_asset (alias_id, dataset_id) values (?, ?)"
                + " on conflict do nothing",
            aliasId,
            datasetId)
        > 0;
  }

  /** The event was added through the alias (one of its {@code source_aliases}). */
  public void linkEvent(long aliasId, long eventId) {
    sql.update(
        "insert into asset_alias_asset_event (alias_id, event_id) values (?, ?)"
            + " on conflict do nothing",
        aliasId,
        eventId);
  }

  /** Per alias name, the URIs of the assets it resolves to, in the order they joined. */
  public Map<String, List<String>> resolution() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    sql.query(
        "select a.name, d.uri from asset_alias a join asset_alias_asset l on l.alias_id = a.id"
            + " join dataset d on d.id = l.dataset_id order by a.name, l.created_at, d.id",
        rs -> {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
          return null;
        });
    return out;
  }

  /** One page of the aliases the filters keep (null or empty: any). */
  public List<AssetAliasRow> list(String namePattern, String namePrefix, Page page) {
    Where where = where(namePattern, namePrefix);
    return sql.query(
        "select "
            + COLUMNS
            + " from asset_alias a"
            + where.sql()
            + " order by "
            + page.orderBy()
            + " limit ? offset ?",
        AssetAliasRepository::row,
        where.argsThen(page.limit(), page.offset()));
  }

  public long count(String namePattern, String namePrefix) {
    Where where = where(namePattern, namePrefix);
    return sql.count("select count(*) from asset_alias a" + where.sql(), where.args());
  }

  public Optional<AssetAliasRow> find(long id) {
    return sql.queryOne(
        "select " + COLUMNS + " from asset_alias a where a.id = ?", AssetAliasRepository::row, id);
  }

  /** Per dataset id, the aliases that resolve to it (Airflow 3's asset {@code aliases}). */
  public Map<Long, List<AssetAliasRow>> ofDatasets(Collection<Long> datasetIds) {
    return grouped(
        "select l.dataset_id as key, "
            + COLUMNS
            + " from asset_alias_asset l join asset_alias a on a.id = l.alias_id"
            + " where l.dataset_id = any(?::bigint[]) order by l.dataset_id, a.name",
        datasetIds);
  }

  /** Per event id, the aliases it was added through (Airflow's {@code source_aliases}). */
  public Map<Long, List<AssetAliasRow>> ofEvents(Collection<Long> eventIds) {
    return grouped(
        "select l.event_id as key, "
            + COLUMNS
            + " from asset_alias_asset_event l join asset_alias a on a.id = l.alias_id"
            + " where l.event_id = any(?::bigint[]) order by l.event_id, a.name",
        eventIds);
  }

  private Map<Long, List<AssetAliasRow>> grouped(String query, Collection<Long> ids) {
    Map<Long, List<AssetAliasRow>> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    sql.query(
        query,
        rs -> {
          out.computeIfAbsent(rs.getLong("key"), k -> new ArrayList<>()).add(row(rs));
          return null;
        },
        (Object) ids.toArray(Long[]::new));
    return out;
  }

  private static Where where(String namePattern, String namePrefix) {
    Where where = new Where();
    if (namePattern != null && !namePattern.isEmpty()) {
      where.and("strpos(lower(a.name), lower(?)) > 0", namePattern);
    }
    if (namePrefix != null && !namePrefix.isEmpty()) {
      where.and("left(a.name, length(?)) = ?", namePrefix, namePrefix);
    }
    return where;
  }

  private static AssetAliasRow row(ResultSet rs) throws SQLException {
    return new AssetAliasRow(rs.getLong("id"), rs.getString("name"), rs.getString("group"));
  }
}
