"""Credential checks and lock-out counting, without a database."""

from dataclasses import dataclass
from datetime import datetime

import pytest

from sellable.auth.service import _count_failure, require_fields
from sellable.kit.errors import InputError
from sellable.kit.settings import Settings
from sellable.kit.types import utcnow


@dataclass
class Account:
    failures_num: int = 0
    lock_expires: datetime | None = None


def test_one_missing_field_is_named_in_the_message() -> None:
    with pytest.raises(InputError) as raised:
        require_fields(username="admin", password="")

    assert raised.value.parameters == {"fieldName": "password"}
    assert not raised.value.errors


def test_several_missing_fields_are_listed() -> None:
    with pytest.raises(InputError) as raised:
        require_fields(username=None, password=None, otp="123456")

    assert raised.value.template == "One or more input exceptions have occurred."
    assert [e.parameters for e in raised.value.errors] == [
        {"fieldName": "username"},
        {"fieldName": "password"},
    ]


def test_present_fields_pass() -> None:
    require_fields(username="admin", password="secret")


def test_the_last_allowed_failure_locks_and_restarts_the_count() -> None:
    settings = Settings(admin_lockout_failures=3, admin_lockout_minutes=30)
    account = Account(failures_num=2)
    now = utcnow()

    _count_failure(account, settings, now)

    assert account.failures_num == 0
    assert account.lock_expires is not None
    minutes = (account.lock_expires - now.replace(tzinfo=None)).total_seconds() / 60
    assert minutes == pytest.approx(30)


def test_failures_below_the_limit_only_count() -> None:
    settings = Settings(admin_lockout_failures=3)
    account = Account()

    _count_failure(account, settings, utcnow())

    assert (account.failures_num, account.lock_expires) == (1, None)
