"""Armed groups and identity militias from ACLED's rows (`tadmur.groupfacts`), and how the
dictionary uses them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tadmur.groupfacts import (
    FIELDS,
    GroupFact,
    collect,
    packaged_groups_text,
    read_groups,
    write_groups,
)
from tadmur.nlp import load_nlp
from tadmur.who import find_actor_mentions, load_actors, load_yaml_actors, with_groups


def test_the_packaged_groups_are_valid_and_lack_from_the_yaml() -> None:
    facts = read_groups(packaged_groups_text())
    assert {f.kind for f in facts} == {"alias", "people"}
    yaml_names = {a.name for a in load_yaml_actors()}
    assert not yaml_names & {f.name for f in facts}
    actors = load_actors()
    for fact in facts:
        found = actors.get(fact.name)
        assert found is not None, fact.name
        assert (found.inter == 4) == (fact.kind == "people")


def test_a_yaml_alias_stays_with_its_owner() -> None:
    owner = load_yaml_actors()[0]
    taken = GroupFact("Other Group", None, 3, "alias", owner.aliases[0], 9)
    free = GroupFact("Other Group", None, 3, "alias", "Zenith Quarter Front", 2)
    actors, _ = with_groups(load_yaml_actors(), [taken])
    assert "Other Group" not in {a.name for a in actors}
    actors, _ = with_groups(load_yaml_actors(), [taken, free])
    assert actors[-1].name == "Other Group" and actors[-1].aliases == ("Zenith Quarter Front",)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\t".join(FIELDS) + "\nX\tKE\t3\tnickname\tX\t2\n",
        "\t".join(FIELDS) + "\nX\tKEN\t3\talias\tX\t2\n",
        "\t".join(FIELDS) + "\nX\tKE\tthree\talias\tX\t2\n",
        "\t".join(FIELDS) + "\nX\tKE\t3\talias\t\t2\n",
    ],
)
def test_malformed_group_facts_are_errors(text: str) -> None:
    with pytest.raises(ValueError, match="group facts"):
        read_groups(text)


def test_groups_are_collected_from_training_rows(tmp_path: Path) -> None:
    header = ["source_repo", "source_path", "event_date", "actor1", "actor2", "country", "notes"]
    rows = [
        ["r", "f.csv", "2021-01-01", "ZRF: Zenith Revolutionary Front", "Civilians (Kenya)",
         "Kenya", "ZRF fighters burned a shop."],
        ["r", "f.csv", "2021-01-02", "ZRF: Zenith Revolutionary Front", "", "Kenya",
         "The Zenith Revolutionary Front (ZRF) ambushed a convoy."],
        ["r", "f.csv", "2021-01-03", "Rioters (Kenya)", "", "Kenya", "ZRF supporters rioted."],
        ["r", "f.csv", "2021-01-04", "Lokop Ethnic Militia (Kenya)", "Civilians (Kenya)",
         "Kenya", "Lokop raiders attacked a village."],
        ["r", "f.csv", "2021-01-05", "Lokop Ethnic Militia (Kenya)", "", "Kenya",
         "Lokop warriors clashed with herders."],
        # held out: never read
        ["r", "f.csv", "2023-01-01", "QQF: Quiet Quarter Front", "", "Kenya", "QQF attacked."],
        ["r", "f.csv", "2023-01-02", "QQF: Quiet Quarter Front", "", "Kenya", "QQF attacked."],
    ]  # fmt: skip
    path = tmp_path / "rows.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    with path.open(newline="", encoding="utf-8") as handle:
        facts = collect(csv.DictReader(handle), {"Kenya": "KE"})
    assert [(f.kind, f.name, f.alias, f.rows, f.inter) for f in facts] == [
        ("alias", "ZRF: Zenith Revolutionary Front", "ZRF", 2, 3),  # 2 of 3 notes using it
        ("people", "Lokop Ethnic Militia (Kenya)", "Lokop", 2, 4),
    ]
    write_groups(facts, tmp_path / "out.tsv")
    assert read_groups((tmp_path / "out.tsv").read_text("utf-8")) == facts


def test_militias_are_named_by_a_community_and_a_militia_noun() -> None:
    nlp = load_nlp()
    actors = load_actors()
    people = next(w for w, found in actors.peoples.items() if found[0].country == "KE")
    doc = nlp(f"{people} raiders attacked a village and {people} elders met officials.")
    names = [m.actor.name for m in find_actor_mentions(doc, actors, "KE", {})]
    assert names == [actors.peoples[people][0].name]
