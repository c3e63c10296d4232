"""``--set product.archetype=ID`` corrects the matched archetype: the correction brings that
archetype's defaults and domain model (it used to relabel the field and keep the old domain),
and an id that names no archetype is bad input, not a silent generic document."""

from __future__ import annotations

import subprocess
import sys

import pytest

from archwright.api import generate
from archwright.errors import InputError

PROMPT = "staff roster for a chain of gyms"


def test_a_corrected_archetype_brings_its_domain_and_defaults():
    doc = generate(PROMPT, overrides={"product.archetype": "fleet_management"})
    leaf = doc.signals.product.archetype
    assert (leaf.value, leaf.inferred) == ("fleet_management", False)
    assert "set by the user" in leaf.evidence
    entities = {e.name for e in doc.domain.entities}
    assert {"vehicle", "vehicle_assignment", "position"} <= entities
    assert "shift" not in entities
    assert "Fleet management archetype" in doc.signals.behavior.write_intensity.evidence


def test_generic_drops_the_archetype_for_the_prompts_own_nouns():
    matched = generate(PROMPT)
    assert matched.signals.product.archetype.value == "workforce_scheduling"
    doc = generate(PROMPT, overrides={"product.archetype": "generic"})
    entities = {e.name for e in doc.domain.entities}
    assert "shift_assignment" not in entities
    assert "gym" in entities


@pytest.mark.parametrize("spelling", ["Fleet-Management", "fleet management"])
def test_the_id_is_read_leniently(spelling):
    doc = generate(PROMPT, overrides={"product.archetype": spelling})
    assert doc.signals.product.archetype.value == "fleet_management"


def test_an_unknown_archetype_is_bad_input_naming_the_choices():
    with pytest.raises(InputError) as err:
        generate(PROMPT, overrides={"product.archetype": "fleet"})
    assert "unknown archetype" in str(err.value)
    assert "fleet_management" in str(err.value)


def test_the_cli_exits_2_on_an_unknown_archetype(tmp_path):
    out = tmp_path / "out"
    r = subprocess.run(
        [
            *(sys.executable, "-m", "archwright", "generate", PROMPT),
            *("--out", str(out), "--set", "product.archetype=nope"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1
    assert "unknown archetype" in r.stderr
    assert not out.exists()
