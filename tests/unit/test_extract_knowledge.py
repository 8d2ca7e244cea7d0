"""The extractor's data files: they load and validate, and a malformed one says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

import seeds
from tracker.errors import UsageError
from tracker.extract import version
from tracker.extract.knowledge import TRIGGER_FILES, load_titles, load_triggers, load_words
from tracker.extract.pattern_syntax import parse_pattern
from tracker.extract.patterns import AGREEMENT_NOUNS, PRAISE, TRIGGERS
from tracker.extract.titles import POSSESSIVE

_WORDS = '[sets]\nagreement_nouns = ["treaty", "pact"]\n'
_TRIGGER = """
[[trigger]]
name = "sign"
event = "AgreementSigned"
roles = "mutual"
needs = "agreement"
patterns = ["lemma:sign|ink", "lemma:put  lower:pen  gap:2  lower:@agreement_nouns"]
"""


def _triggers(tmp_path: Path, text: str) -> None:
    (tmp_path / "words.toml").write_text(_WORDS, encoding="utf-8")
    (tmp_path / "triggers.toml").write_text(text, encoding="utf-8")
    load_triggers((tmp_path / "triggers.toml",), words=tmp_path / "words.toml")


def test_every_data_file_loads_and_validates() -> None:
    for name in (*TRIGGER_FILES, "words.toml", "titles.toml"):
        assert seeds.path("extractor").joinpath(name).is_file(), name
    triggers = load_triggers()
    assert triggers == TRIGGERS
    assert len({t.name for t in triggers}) == len(triggers)
    assert all(t.patterns for t in triggers)
    assert PRAISE.event_type == "PraiseExpressed"
    assert {"treaty", "agreement", "memorandum"} <= AGREEMENT_NOUNS
    assert set(load_words()) == {"agreement_nouns"}
    titles = load_titles()
    assert titles.possessive == POSSESSIVE
    assert titles.titles[-1][0] == ("minister",)


def test_a_written_pattern_is_the_matcher_pattern() -> None:
    sets = {"relations": ["relations", "ties"]}
    text = "lemma:break  optional:off  optional*3:all|full  gap:2  lower:@relations|links"
    assert parse_pattern(text, sets) == [
        {"LEMMA": {"IN": ["break"]}},
        {"LOWER": {"IN": ["off"]}, "OP": "{0,1}"},
        {"LOWER": {"IN": ["all", "full"]}, "OP": "{0,3}"},
        {"IS_PUNCT": False, "OP": "{0,2}"},
        {"LOWER": {"IN": ["relations", "ties", "links"]}},
    ]


def test_a_valid_file_in_tmp_path_loads(tmp_path: Path) -> None:
    _triggers(tmp_path, _TRIGGER)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('"AgreementSigned"', '"AgreementInked"'), "unknown event type 'AgreementInked'"),
        (('roles = "mutual"', 'roles = "sideways"'), "trigger 'sign', roles"),
        (('needs = "agreement"', 'cameo = "999"'), "CAMEO code '999' is not in"),
        (("gap:2", "gap:two"), "trigger 'sign', pattern 2 ('lemma:put lower:pen gap:two"),
        (("gap:2", "gaps:2"), "unknown kind 'gaps'"),
        (("lemma:sign|ink", "lemma:Sign"), "pattern 1 ('lemma:Sign'): 'lemma:Sign': 'Sign' is"),
        (("lemma:sign|ink", "gap:2  lemma:sign"), "starts with a word"),
        (("@agreement_nouns", "@agreements"), "unknown set '@agreements'"),
        (('needs = "agreement"', 'need = "agreement"'), "trigger 'sign', need: Extra inputs"),
        (('name = "sign"', 'name = "sign'), "not valid TOML"),
    ],
)
def test_a_malformed_trigger_file_names_the_file_trigger_and_pattern(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        _triggers(tmp_path, _TRIGGER.replace(*change))
    assert str(tmp_path / "triggers.toml") in str(caught.value)
    assert message in str(caught.value)


def test_a_trigger_name_is_used_once(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="trigger 'sign': the name is already used"):
        _triggers(tmp_path, _TRIGGER + _TRIGGER)


def _titles(tmp_path: Path, edit: tuple[str, str] = ("", "")) -> None:
    text = seeds.path("extractor").joinpath("titles.toml").read_text(encoding="utf-8")
    assert edit[0] in text
    (tmp_path / "titles.toml").write_text(text.replace(*edit, 1), encoding="utf-8")
    load_titles(tmp_path / "titles.toml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('level = "head_of_state"', 'level = "emperor"'), "title 'supreme leader', level"),
        (('deputy = "official"', 'deputy = "lower"'), "qualifiers.deputy"),
        (('words = "premier"', 'words = "Premier"'), "title 'Premier': write its words in lower"),
        (('words = "minister of foreign affairs"', 'words = "foreign"'), "must come after"),
        (('words = "premier"', 'words = "king"'), "title 'king' is listed twice"),
        (("max_name_words = 3", "max_name_words = 0"), "max_name_words"),
    ],
)
def test_a_malformed_titles_file_says_what_is_wrong(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        _titles(tmp_path, change)
    assert str(tmp_path / "titles.toml") in str(caught.value)
    assert message in str(caught.value)


def test_the_bundled_titles_file_loads_from_a_copy(tmp_path: Path) -> None:
    _titles(tmp_path)


def test_the_version_is_the_release_and_a_hash_of_data_and_code(tmp_path: Path) -> None:
    release, _, digest = version.EXTRACTOR_VERSION.partition("+")
    assert release == version.EXTRACTOR_RELEASE and len(digest) == 8
    names = {name for name, _ in version._inputs()}
    assert {"seeds/extractor/triggers_ties.toml", "seeds/gazetteer/states.csv"} <= names
    assert "tracker/extract/coder.py" in names and "tracker/extract/evaluate.py" not in names
    data = tmp_path / "triggers.toml"
    data.write_text("a", encoding="utf-8")
    before = version.content_hash([("triggers.toml", data)])
    data.write_text("b", encoding="utf-8")
    assert version.content_hash([("triggers.toml", data)]) != before
    data.write_bytes(b"a\r\n")
    crlf = version.content_hash([("triggers.toml", data)])
    data.write_bytes(b"a\n")
    assert version.content_hash([("triggers.toml", data)]) == crlf


def test_the_lexicon_holds_every_list_the_rules_read(tmp_path: Path) -> None:
    from tracker.extract import lexicon as lex

    lists = lex.load_lexicon()
    assert "received" not in lists["coder.not_a_guest"] and "letter" in lists["coder.not_a_guest"]
    assert all(words for words in lists.values())
    bad = tmp_path / "lexicon.toml"
    bad.write_text('[coder.not_a_guest]\nwords = ["Letter"]\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"coder\.not_a_guest: 'Letter'"):
        lex.load_lexicon(bad)
    bad.write_text("[coder.not_a_guest]\nwords = []\n", encoding="utf-8")
    with pytest.raises(UsageError, match="coder.not_a_guest"):
        lex.load_lexicon(bad)
    with pytest.raises(UsageError, match=r"no word list \[coder\.nothing\]"):
        lex.lexicon("coder.nothing")
