"""Session cookies are signed: readable, but refused when altered or too old."""

from sellable.kit.signed_cookies import sign, unsign

SECRET = "a-test-secret-that-is-long-enough"


def test_a_signed_value_reads_back() -> None:
    value = sign({"token": "abc"}, SECRET, now=1000)

    assert unsign(value, SECRET, max_age=60, now=1030) == {"token": "abc"}


def test_an_altered_value_is_refused() -> None:
    body, _, signature = sign({"token": "abc"}, SECRET, now=1000).rpartition(".")
    forged = sign({"token": "xyz"}, SECRET, now=1000).rpartition(".")[0]

    assert unsign(f"{forged}.{signature}", SECRET, max_age=60, now=1000) is None
    assert unsign(f"{body}.{signature}", "another-secret", max_age=60, now=1000) is None


def test_an_old_value_is_refused() -> None:
    value = sign({"token": "abc"}, SECRET, now=1000)

    assert unsign(value, SECRET, max_age=60, now=1061) is None


def test_garbage_is_refused() -> None:
    assert unsign("not-a-cookie", SECRET, max_age=60) is None
    assert unsign("!!!.???", SECRET, max_age=60) is None
    assert unsign(None, SECRET, max_age=60) is None
