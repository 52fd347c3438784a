"""AIKG_* settings and the one table that maps errors to HTTP statuses."""

from __future__ import annotations

import pytest

from api.errors import (
    ExtractorUnavailableError,
    ForbiddenError,
    NotFoundError,
    QueryTimeoutError,
    ResultTooLargeError,
    status_of,
)
from api.settings import ApiSettings
from kg.errors import InputError, KGError, QueryError, StoreError, StoreLockedError
from kg.settings import (
    STORE_ENV,
    STORE_GRAPH_STORE_ENV,
    STORE_QUERY_ENV,
    STORE_UPDATE_ENV,
    Settings,
)


def test_settings_from_environment_variables() -> None:
    settings = ApiSettings.from_env({
        "AIKG_STORE": "/srv/aikg", "AIKG_UPDATE_TOKEN": " secret ", "AIKG_QUERY_TIMEOUT": "2.5",
        "AIKG_MAX_RESULT_BYTES": "1000", "AIKG_QUERY_WORKERS": "2",
        "AIKG_CORS_ORIGINS": "https://a.example, https://b.example", "AIKG_MAX_BYTES": "99",
        "OTHER": "ignored"})
    assert settings == ApiSettings(
        store="/srv/aikg", update_token="secret", query_timeout=2.5, max_result_bytes=1000,
        query_workers=2, cors_origins=("https://a.example", "https://b.example"),
        max_article_bytes=99)
    assert settings.kg_settings().store == "/srv/aikg"


def test_remote_store_endpoints_reach_the_store_settings() -> None:
    settings = ApiSettings.from_env({
        STORE_ENV: "http://host:3030/ds", STORE_QUERY_ENV: "http://host:3030/ds/query",
        STORE_UPDATE_ENV: "http://host:3030/ds/update", STORE_GRAPH_STORE_ENV: " "})
    assert settings.is_remote
    assert settings.kg_settings() == Settings(
        store="http://host:3030/ds", store_query_url="http://host:3030/ds/query",
        store_update_url="http://host:3030/ds/update", store_graph_store_url=None)


def test_settings_survive_the_environment_of_worker_processes() -> None:
    settings = ApiSettings(store="http://host/ds", update_token="t", query_timeout=0.25,
                           cors_origins=("https://a.example", "https://b.example"),
                           max_article_bytes=7, store_query_url="http://host/ds/sparql")
    assert ApiSettings.from_env(settings.to_env()) == settings
    assert ApiSettings.from_env(ApiSettings().to_env()) == ApiSettings()


def test_settings_defaults_and_explicit_store() -> None:
    settings = ApiSettings.from_env({}, store=":memory:")
    assert settings.store == ":memory:"
    assert settings.update_token is None  # writes are off unless a token is configured
    assert settings.cors_origins == ()


@pytest.mark.parametrize(("name", "value"), [("AIKG_QUERY_TIMEOUT", "soon"),
                                             ("AIKG_MAX_RESULT_BYTES", "-1"),
                                             ("AIKG_QUERY_WORKERS", "1.5"),
                                             ("AIKG_MAX_BYTES", "lots")])
def test_bad_settings_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name):
        ApiSettings.from_env({name: value})


@pytest.mark.parametrize("value", ["lots", "0", "1.5"])
def test_the_library_and_the_server_read_a_variable_alike(value: str) -> None:
    """One reader (kg.settings.env_number): `kg ingest` and `kg serve` refuse alike."""
    with pytest.raises(InputError) as library:
        Settings.from_env({"AIKG_MAX_BYTES": value})
    with pytest.raises(InputError) as server:
        ApiSettings.from_env({"AIKG_MAX_BYTES": value})
    assert str(library.value) == str(server.value)
    assert str(library.value).startswith(f"AIKG_MAX_BYTES={value!r} ")
    assert Settings.from_env({"AIKG_MAX_BYTES": " 42 ", "AIKG_STORE": " "}) == Settings(
        max_article_bytes=42)


@pytest.mark.parametrize(("error", "status"), [
    (NotFoundError("x"), 404), (ForbiddenError("x"), 403), (QueryTimeoutError("x"), 503),
    (ResultTooLargeError("x"), 400), (QueryError("x"), 400), (InputError("x"), 400),
    (ExtractorUnavailableError("x"), 503), (StoreLockedError("x"), 503), (StoreError("x"), 500),
    (KGError("x"), 500),
])
def test_every_error_class_has_a_status(error: Exception, status: int) -> None:
    assert status_of(error)[0] == status
