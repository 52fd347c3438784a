"""Every error class of kg.errors, kg.topics and api.errors has its own status in PROBLEMS.

Statuses are looked up along a class's MRO, so an unmapped new class would silently answer
with its parent's status (at worst "500 Knowledge graph error"); httpx pins its exception
mapping the same way (tests/test_exceptions.py).
"""

from __future__ import annotations

import inspect

import api.errors
import kg.errors
import kg.topics
from api.errors import PROBLEMS, status_of
from kg.errors import KGError


def _error_classes() -> set[type[KGError]]:
    modules = (kg.errors, kg.topics, api.errors)
    return {value for module in modules for value in vars(module).values()
            if inspect.isclass(value) and issubclass(value, KGError)}


def test_every_kg_error_has_its_own_status() -> None:
    classes = _error_classes()
    assert len(classes) == 18
    assert classes <= PROBLEMS.keys()


def test_statuses_are_client_or_server_errors_as_documented() -> None:
    assert status_of(api.errors.NotFoundError("x")) == (404, "Not found")
    assert status_of(kg.errors.InputError("x")) == (400, "Invalid input")
    assert status_of(kg.errors.StoreLockedError("x")) == (503, "Store locked")
    assert status_of(api.errors.QueryTimeoutError("x")) == (503, "Query timeout")
    assert status_of(api.errors.ParameterError("x")) == (400, "Invalid parameter")
    assert all(400 <= status < 600 for status, _ in PROBLEMS.values())
