"""Every rule id in docs/RULES.md is proven by at least one scenario that lists it in ``rules:``."""

import re
from pathlib import Path

import scenarios
from scenarios.loader import load_file

ROOT = Path(scenarios.__file__).resolve().parent.parent
ROW = re.compile(r"^\|\s*([A-Z]\d+)\s*\|", re.MULTILINE)


def rule_ids() -> list[str]:
    return ROW.findall((ROOT / "docs" / "RULES.md").read_text(encoding="utf-8"))


def library_rules() -> set[str]:
    library = ROOT / "scenarios"
    return {rule for path in library.rglob("*.yaml") for rule in load_file(path).rules}


def test_rules_md_lists_rules():
    ids = rule_ids()
    assert len(ids) >= 50 and "C5" in ids and len(ids) == len(set(ids))


def test_every_rule_has_a_scenario():
    covered = library_rules()
    missing = [rule for rule in rule_ids() if rule not in covered]
    assert not missing, f"no scenario lists these rule ids in `rules:`: {', '.join(missing)}"


def test_scenarios_name_only_known_rules():
    unknown = sorted(library_rules() - set(rule_ids()))
    assert not unknown, f"scenarios list rule ids that docs/RULES.md does not define: {', '.join(unknown)}"
