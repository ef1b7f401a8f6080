"""The `Frozen` records keep what the frozen dataclasses they replaced gave: immutability,
equality and hashing by value, a readable repr, pickling and copying (distributed workers
pickle results), and pattern matching on their fields."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import pytest

from verifyctl.frozen import Frozen, FrozenError
from verifyctl.i18n import Msg
from verifyctl.sources.model import Account, Domain, Impersonator, Source, SourceList, Status
from verifyctl.url.hosts import HostMatch
from verifyctl.url.parse import ParsedUrl
from verifyctl.verdict import Reason, Result, Verdict

DOMAIN = Domain("nhandan.vn", True, line=3, evidence=("https://nhandan.vn",))
SOURCE = Source(
    "nhan-dan",
    "Báo Nhân Dân",
    "Nhan Dan",
    "core",
    "national",
    (DOMAIN,),
    accounts=(Account("facebook", handle="nhandan"),),
    status=Status("merged", until=dt.date(2025, 7, 1), successor="x"),
)
REASON = Reason("official_source", Verdict.SHARE, Msg("có", "yes"), {"source_id": "nhan-dan"})

RECORDS: list[Frozen] = [
    Msg("có", "yes"),
    REASON,
    Result("https://nhandan.vn/", "url", Verdict.SHARE, (REASON,), {"url": "https://nhandan.vn/"}),
    DOMAIN,
    SOURCE,
    Status(),
    Impersonator("nhandan.com.vn.example", "nhan-dan", "copy", ("e",), 9),
    SourceList(1, (SOURCE,), path="x.yaml", not_lookalikes=("vtc.vn",)),
    HostMatch(SOURCE, DOMAIN),
    ParsedUrl("https://nhandan.vn/", "https", "nhandan.vn", "name", "/", ""),
]


def _twin(record: Frozen) -> Frozen:
    """An equal record built from scratch, not a copy of the same object."""
    values = [_twin(v) if isinstance(v, Frozen) else copy.deepcopy(v) for v in record._values()]
    return type(record)(*values)  # type: ignore[call-arg]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_frozen_record(record: Frozen) -> None:
    name = record.__match_args__[0]
    with pytest.raises(AttributeError):
        setattr(record, name, None)
    with pytest.raises(FrozenError):
        delattr(record, name)
    with pytest.raises(AttributeError):
        record.extra = 1  # type: ignore[attr-defined]
    twin = _twin(record)
    assert twin == record and twin is not record
    assert record != (*record._values(),)
    assert pickle.loads(pickle.dumps(record)) == record
    assert copy.copy(record) == record and copy.deepcopy(record) == record
    assert repr(record).startswith(f"{type(record).__qualname__}({name}=")
    assert repr(record).count("=") >= len(record.__match_args__)


@pytest.mark.parametrize(
    ("record", "hashable"),
    [(Msg("a", "b"), True), (DOMAIN, True), (Status(), True), (REASON, False)],
)
def test_hash_by_value(record: Frozen, hashable: bool) -> None:
    if hashable:
        assert hash(record) == hash(_twin(record))
        assert len({record, _twin(record)}) == 1
    else:  # a mapping field, as with the dataclass
        with pytest.raises(TypeError):
            hash(record)


def test_unequal_and_defaults() -> None:
    assert Msg("a", "b") != Msg("a", "c")
    assert Domain("a.vn", False) == Domain("a.vn", False, "confirmed", False, False, 0, "", ())
    assert Reason("x", Verdict.VERIFY, Msg("", "")).fields == {}
    assert Source("a", "A", "A", "press", "national", ()).status == Status()


def test_match_args() -> None:
    result: Any = Msg("có", "yes")
    match result:
        case Msg(vi, en):
            assert (vi, en) == ("có", "yes")
        case _:
            pytest.fail("no match")
