"""Documents for the web tests. Until Stage 4 and 6 produce diagrams for every document, a
document without them gets a small system diagram and ERD whose labels carry hostile text
(escaped the way Mermaid expects), so the page's diagram path is always exercised."""

from __future__ import annotations

from archwright.models.document import ArchitectureDocument

XSS_PROMPT = (
    'Build a recipe sharing site called <script>window.__xss = 1</script> "]--> '
    '<img src=x onerror="window.__xss = 2"> %% `rm -rf` ; DROP TABLE users; -- for home cooks'
)


def mermaid_text(text: str) -> str:
    """A quoted Mermaid label: entity codes for the characters that end or inject a label."""
    out = text.replace("#", "#35;").replace('"', "#quot;")
    return '"' + out.replace("<", "#lt;").replace(">", "#gt;") + '"'


def with_diagrams(doc: ArchitectureDocument) -> ArchitectureDocument:
    from archwright.models.overview import DiagramEdge, DiagramNode, Overview, Topology
    from archwright.models.schema import MigrationStrategy, SchemaDesign

    update: dict[str, object] = {}
    if doc.overview is None:
        name = mermaid_text(doc.input.prompt[:160])
        update["overview"] = Overview(
            topology=Topology(
                nodes=[
                    DiagramNode(id="web", label="Web client", technology="Browser", kind="client"),
                    DiagramNode(id="app", label="App", technology="Python", kind="service"),
                ],
                edges=[DiagramEdge(source="web", target="app", protocol="HTTPS")],
            ),
            system_diagram=f'graph TD\n  web[{name}] -->|HTTPS| app["App server"]\n'
            '  app --> db[("PostgreSQL")]\n',
            tech_stack=[],
            environments=[],
        )
    if doc.schema_ is None:
        update["schema_"] = SchemaDesign(
            database="PostgreSQL",
            family="sql",
            tables=[],
            erd="erDiagram\n  USERS ||--o{ POSTS : writes\n",
            migration_strategy=MigrationStrategy(
                tool="Alembic",
                convention="expand/contract",
                backward_compatibility=[],
                rollback="down",
            ),
            lifecycle=[],
        )
    return doc.model_copy(update=update) if update else doc
