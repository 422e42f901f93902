# title: Display names
# description: The name kg shows for each entity, over the whole store, written to the graph
#   <https://w3id.org/kg-news/names> as `?entity kg:displayName ?name`: the entity's skos:prefLabel (the
#   gazetteer's French name; the English one, @en, is for `--lang en`), else its smallest rdfs:label. `kg build` runs it after every build that changed the
#   store (kg/names.py), so the named queries join one triple per entity instead of working the names out
#   of every article's labels each time (a quarter of a second per name column on a million triples).
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

DROP SILENT GRAPH <https://w3id.org/kg-news/names> ;
INSERT { GRAPH <https://w3id.org/kg-news/names> { ?entity kg:displayName ?name } }
WHERE {
  # The "0"/"1" rank prefix stands in for COALESCE(MIN(?pref), MIN(?label)), because Oxigraph's MIN is
  # unbound as soon as one value of the group is; DISTINCT first, so each name is compared once, not once
  # per article that gives it.
  SELECT ?entity (SUBSTR(MIN(CONCAT(?rank, ?label)), 2) AS ?name)
  WHERE { { SELECT DISTINCT ?entity ?rank ?label
            WHERE { { GRAPH ?g { ?entity skos:prefLabel ?label } FILTER(!LANGMATCHES(LANG(?label), "en"))
                      BIND("0" AS ?rank) }
                    UNION { GRAPH ?g { ?entity rdfs:label ?label } BIND("1" AS ?rank) } } } }
  GROUP BY ?entity
}
