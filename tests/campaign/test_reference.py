"""The campaign.yaml reference comes from the fields' declaration, and the docs keep up with it."""

from __future__ import annotations

from pathlib import Path

from printkit.campaign import reference, schema
from printkit.campaign.model import Campaign

DOCS = Path(__file__).parents[2] / "docs" / "campaign-yaml.md"


def test_the_docs_table_is_the_one_made_from_the_declaration() -> None:
    assert DOCS.read_text(encoding="utf-8") == reference.markdown(), (
        "run: python -m printkit.campaign.reference > docs/campaign-yaml.md"
    )


def test_every_key_campaign_yaml_accepts_is_in_the_reference() -> None:
    keys = {entry.key for entry in reference.entries()}

    def walk(spec: schema.Spec, prefix: str = "") -> set[str]:
        found = set()
        for name, inner in spec.fields.items():
            key = prefix + name
            found.add(key)
            if inner.kind == "mapping":
                found |= walk(inner, key + ".")
            if inner.kind == "named" and inner.fields["*"].kind == "mapping":
                found |= walk(inner.fields["*"], key + ".<name>.")
        return found

    assert walk(schema.spec_of(Campaign)) | {"phrases"} == keys
    assert all(entry.help for entry in reference.entries())
