"""Export: the whole store in an RDF format (kg.export.export) or as an entity network for graph tools
(kg.export.network). `kg.export(store, "nquads")` calls kg.export.export.export."""

from kg._callable import make_callable

make_callable(__name__, "kg.export.export", "export")
