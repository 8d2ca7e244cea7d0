"""Temporary golden check: the data files give exactly the Python-built tables."""

from dataclasses import fields

from tracker.extract import titles
from tracker.extract.knowledge import load_titles, load_triggers, load_words
from tracker.extract.pattern_syntax import AGREEMENT_NOUNS
from tracker.extract.patterns import TRIGGERS


def test_loaded_triggers_equal_the_python_tables() -> None:
    loaded = load_triggers()
    assert [t.name for t in loaded] == [t.name for t in TRIGGERS]
    for new, old in zip(loaded, TRIGGERS, strict=True):
        for field in fields(old):
            if field.name != "patterns":
                assert getattr(new, field.name) == getattr(old, field.name), (old.name, field.name)
        assert len(new.patterns) == len(old.patterns), old.name
        for number, (p_new, p_old) in enumerate(zip(new.patterns, old.patterns, strict=True)):
            assert p_new == p_old, (old.name, number)
        assert new == old
    assert loaded == TRIGGERS
    assert frozenset(load_words()["agreement_nouns"]) == AGREEMENT_NOUNS


def test_loaded_titles_equal_the_python_tables() -> None:
    loaded = load_titles()
    assert loaded.titles == titles._TITLES
    assert loaded.qualifiers == titles._QUALIFIERS
    assert list(loaded.qualifiers) == list(titles._QUALIFIERS)
    assert loaded.portfolio == titles._PORTFOLIO
    assert loaded.max_portfolio == titles._MAX_PORTFOLIO
    assert loaded.possessive == titles.POSSESSIVE
    assert loaded.not_names == titles._NOT_NAMES
    assert loaded.max_name == titles._MAX_NAME
