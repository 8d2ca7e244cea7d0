"""Late news folded in by the facts it touches (tracker.late_facts) on PostgreSQL: the
follower reads the facts through the server's dedup index, and gives the full fold."""

from __future__ import annotations

import pytest

from tests.integration.test_late_fold import late_facts_folded_alone
from tracker.app import Tracker

pytestmark = pytest.mark.postgresql


def test_a_late_fact_on_postgresql_does_not_fold_its_pair_again(
    pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Tracker.open(pg_database) as t:
        late_facts_folded_alone(t, monkeypatch)
