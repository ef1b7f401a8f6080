"""`Frozen`: the base of the small immutable records on `check`'s start-up path.

They were frozen slots dataclasses, but `@dataclass` generates and `exec`s each class's
methods when the module is imported: about 0.5 ms a class, a dozen classes, on every start of
`verifyctl check` (issue 3's cold-start target). A subclass here names its fields in order in
`__match_args__` (as a dataclass does), uses them as its `__slots__` and fills them in a
hand-written `__init__` taking them in that order, through `set_field` (or, faster, the slot
setters `field_setters` gives). Equality, hashing, `repr`, pickling and copying follow the
fields, as the dataclasses' did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

set_field = object.__setattr__  # for __init__: the one way to fill a field


def field_setters(cls: type[Frozen]) -> tuple[Callable[[Any, Any], None], ...]:
    """Each field's slot setter, in field order: a faster `set_field` for the records a batch
    makes by the million (a third less time per record)."""
    return tuple(cls.__dict__[name].__set__ for name in cls.__match_args__)


class FrozenError(AttributeError):
    """Assigning to or deleting a field of a frozen record."""


class Frozen:
    __match_args__: tuple[str, ...] = ()
    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self.__match_args__])

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Frozen) and other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{type(self).__qualname__}({fields})"

    def __reduce__(self) -> tuple[type[Frozen], tuple[Any, ...]]:
        return (type(self), self._values())
