"""Hand-made Mermaid diagrams: valid ones in archwright's subset, and broken ones.

Shared by the unit tests of ``mermaid_lint`` and the cross-check against the real parser.
"""

from __future__ import annotations

VALID = {
    "flow_directive_whitespace_ok": 'graph TD\n  A["x"] --> B["y"]\n  classDef ext fill:#eee \n'
    "  class\tB ext; \n  style B  fill:#eee\n  linkStyle 0  stroke:#f00 ",
    "flow_shapes": 'graph TD\n  C["Client - Web"] --> G["ALB"]\n  G -->|"HTTP/REST"| A["App"]\n'
    '  A --> D[("PostgreSQL 16")]\n  A --> Q(["SQS"])\n  A --> X(("Circle"))\n'
    '  A --> H{{"Hexagon"}}',
    "flow_lr_plain_labels": "flowchart LR\n  a[Client] -->|HTTPS| b[API Gateway]\n  b -.-> c",
    "flow_subgraph": 'graph TD\n  subgraph core["Core"]\n    A["App"]\n  end\n  A --> B["DB"]',
    "flow_comments_style": 'graph TD\n  %% a comment\n  A["x"] --> B["y"]\n'
    "  classDef ext fill:#eee\n  class B ext",
    "flow_entities_in_label": 'graph TD\n  A["say #quot;hi#quot; &amp; -- > done"] --> B["ok"]',
    "flow_hostile_text_quoted": 'graph TD\n  A["<script>alert(1)</script> %% --> | ; end"] '
    '-->|"a --> b"| B["x"]',
    "er_basic": 'erDiagram\n  users {\n    uuid id PK\n    string email UK "PII"\n'
    "    uuid org_id FK\n  }\n  orgs {\n    uuid id PK\n  }\n"
    '  orgs ||--o{ users : employs\n  users }o--|| orgs : "belongs to"',
    "er_types": "erDiagram\n  t {\n    varchar(254) name\n    int[] tags\n"
    '    timestamptz created_at "UTC"\n  }\n  ta |o..o| ub : links',
    "er_empty_entity": "erDiagram\n  users\n  users ||--|{ posts : writes",
}

_STYLED = 'graph TD\n  A["x"] --> B["y"]\n  classDef ext fill:#eee\n'

BROKEN = {
    # whitespace Mermaid 11's lexer refuses in directives (found by the fuzzed cross-check)
    "flow_class_double_space": _STYLED + "  class B  ext",
    "flow_class_trailing_space": _STYLED + "  class B ext ",
    "flow_class_space_before_semicolon": _STYLED + "  class B ext ;",
    "flow_style_double_space": _STYLED + "  style  B fill:#eee",
    "flow_linkstyle_double_space": _STYLED + "  linkStyle  0 stroke:#f00",
    "flow_no_header": 'A["x"] --> B["y"]',
    "flow_bad_direction": 'graph XY\n  A["x"] --> B["y"]',
    "flow_unclosed_bracket": 'graph TD\n  A["x" --> B["y"]',
    "flow_unclosed_subgraph": 'graph TD\n  subgraph s1["S"]\n  A["x"] --> B["y"]',
    "flow_stray_end": 'graph TD\n  A["x"] --> B["y"]\n  end',
    "flow_keyword_id": 'graph TD\n  end["x"] --> B["y"]',
    "flow_unquoted_parens": "graph TD\n  A[App (Python)] --> B",
    "flow_pipe_in_edge_label": 'graph TD\n  A["x"] -->|a|b| B["y"]',
    "flow_half_arrow": 'graph TD\n  A["x"] -- B["y"]',
    "er_no_header": "users {\n  uuid id PK\n}",
    "er_unclosed_block": "erDiagram\n  users {\n    uuid id PK",
    "er_bad_cardinality": "erDiagram\n  users }}--o{ posts : writes",
    "er_keyword_entity": "erDiagram\n  u ||--o{ posts : x",
    "er_keyword_block": "erDiagram\n  one {\n    uuid id PK\n  }",
    "er_missing_label": "erDiagram\n  users ||--o{ posts",
    "er_quote_in_comment": 'erDiagram\n  users {\n    uuid id PK "a "b" c"\n  }',
    "er_bad_key": "erDiagram\n  users {\n    uuid id PRIMARY\n  }",
}

#: Outside the subset, so the linter rejects them although Mermaid accepts them: the linter may be
#: stricter than Mermaid (our serializers never emit these forms) but never looser.
STRICT = {
    "flow_quote_in_label": 'graph TD\n  A["say "hi""] --> B["y"]',
    "er_spaces_in_attr": "erDiagram\n  users {\n    varchar not null email\n  }",
}
