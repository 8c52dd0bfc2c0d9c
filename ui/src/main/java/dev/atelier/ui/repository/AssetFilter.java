package dev.atelier.ui.repository;

import java.util.Set;

/**
 * Airflow 3's GET /assets filters over the {@code dataset} table; null means "any". Names are not
 * stored (they come from the Dags' declarations, see {@code AssetDeclarations}), so a name filter
 * comes with the URIs of the declared assets whose name matches ({@code nameLikeUris}, {@code
 * nameFromUris}); an undeclared asset is named by its URI, so its URI is matched instead.
 *
 * @param namePattern case-insensitive substring of the name
 * @param namePrefix case-sensitive prefix of the name
 * @param onlyUris the assets of the {@code dag_ids} filter
 */
public record AssetFilter(
    String uriPattern,
    String uriPrefix,
    Set<String> declaredUris,
    String namePattern,
    Set<String> nameLikeUris,
    String namePrefix,
    Set<String> nameFromUris,
    Set<String> onlyUris) {}
