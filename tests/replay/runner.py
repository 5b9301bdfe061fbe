"""Replay engine for Magento's MSI REST tutorial fixtures.

Loads a variant's step files in index order and, for every step: applies its
`setup` through the caller's callback, runs every call that is neither
`alternative` nor `optional`, checks each response against its `expect` block,
checks intermediate states (`state_after_first_shipment`, `state_after_order`)
just before the next state-changing call, applies `setup_after`, and finally
checks `state_after`. Any failure raises AssertionError naming the variant, the
step file and the call.

Setup entries, those marked `optional` included, go to `apply_setup` as deep
copies; the callback decides what each kind means (Magento-only CLI commands may
be no-ops). Ids answered as numeric strings by calls typed
`integer_or_numeric_string` are captured as ints.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote, urlencode

import httpx

from tests.replay.expectations import INFORMATIVE, check_response
from tests.replay.matching import render
from tests.replay.placeholders import (
    ADMIN_PASSWORD,
    CapturePathError,
    Captures,
    MissingCapture,
    lookup,
    read_path,
    stored_capture,
    substitute,
    substitute_expected,
)
from tests.replay.rest_reader import RestStateReader
from tests.replay.state import TUTORIAL_SKUS, StateReader, check_state

__all__ = [
    "FIXTURES_DIR",
    "ApplySetup",
    "Call",
    "TUTORIAL_SKUS",
    "CallRecord",
    "ReplayResult",
    "RestStateReader",
    "StateReader",
    "Step",
    "TutorialReplay",
    "is_runnable",
    "load_steps",
]

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "msi-tutorial"

# Intermediate state -> path suffix of the call after which it holds.
INTERMEDIATE_STATES = {
    "state_after_first_shipment": "/ship",
    "state_after_order": "/payment-information",
}
TOKENS = {"admin": "admin_token", "customer": "customer_token"}
BODY_PREVIEW = 4000

Call = dict[str, Any]
ApplySetup = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Step:
    """One fixture file: a tutorial step."""

    file: str
    data: dict[str, Any]

    @property
    def calls(self) -> list[Call]:
        """The calls the main replay runs (no alternatives, no optional seeds)."""
        return [call for call in self.data["calls"] if is_runnable(call)]


@dataclass(frozen=True)
class CallRecord:
    """One HTTP call made by the replay."""

    step_file: str
    call_id: str
    method: str
    url: str
    status: int
    elapsed: float


@dataclass
class ReplayResult:
    """What a replay leaves behind: its captures and the calls it made."""

    variant: str
    captures: Captures
    records: list[CallRecord]
    stopped_after: str | None = None

    def summary(self) -> str:
        """One line per call: step file, call id, status, milliseconds."""
        lines = [f"MSI tutorial replay {self.variant}: {len(self.records)} calls"]
        for record in self.records:
            took = f"{record.elapsed * 1000:8.1f} ms"
            lines.append(
                f"  {record.step_file:34} {record.call_id:48} {record.status} {took}"
            )
        return "\n".join(lines)


def is_runnable(call: Call) -> bool:
    """Alternatives and seed calls for systems without sample data are skipped."""
    return not call.get("alternative") and not call.get("optional")


def load_steps(variant: str, fixtures_dir: Path = FIXTURES_DIR) -> list[Step]:
    """The variant's step files, in index.json order."""
    index = json.loads((fixtures_dir / "index.json").read_text(encoding="utf-8"))
    files = [entry["file"] for entry in index["variants"][variant]["files"]]
    return [Step(name, _read_json(fixtures_dir / name)) for name in files]


def _read_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@dataclass
class TutorialReplay:
    """Replays one variant of the tutorial against an httpx-compatible client."""

    client: httpx.Client
    variant: str
    admin_password: str
    apply_setup: ApplySetup
    state_reader: StateReader | None = None
    strict_ssa_body: bool = False
    fixtures_dir: Path = FIXTURES_DIR
    captures: Captures = field(default_factory=dict)
    records: list[CallRecord] = field(default_factory=list)

    def run(self, until_call: str | None = None) -> ReplayResult:
        """Replay every step, or stop right after the first call `until_call`."""
        __tracebackhide__ = True
        steps = load_steps(self.variant, self.fixtures_dir)
        if until_call is not None:
            self._require_call(steps, until_call)
        for step in steps:
            if self._run_step(step, until_call):
                return self.result(stopped_after=until_call)
        return self.result()

    def result(self, stopped_after: str | None = None) -> ReplayResult:
        """The captures and call records so far."""
        captures = dict(self.captures)
        return ReplayResult(self.variant, captures, list(self.records), stopped_after)

    def find_call(self, call_id: str) -> tuple[Step, Call]:
        """The first call with this id in the variant, alternatives included."""
        for step in load_steps(self.variant, self.fixtures_dir):
            for call in step.data["calls"]:
                if call["id"] == call_id:
                    return step, call
        raise AssertionError(f"{self.variant}: no call {call_id!r} in the fixtures")

    def send(self, call: Call, step_file: str = "(ad hoc)") -> httpx.Response:
        """Send a call-shaped dict (method, path, token, query, body), unchecked."""
        method, url = call["method"], self._url(call)
        body = substitute(call.get("body"), self.captures, self.admin_password)
        started = time.perf_counter()
        response = self.client.request(
            method, url, headers=self._headers(call), content=_content(body)
        )
        elapsed = time.perf_counter() - started
        record = CallRecord(
            step_file, call["id"], method, url, response.status_code, elapsed
        )
        self.records.append(record)
        return response

    def reader(self) -> StateReader:
        """The caller's StateReader, or a RestStateReader using the admin token."""
        if self.state_reader is None:
            token = self.captures.get("admin_token")
            if not isinstance(token, str):
                raise AssertionError("state check before the admin token was captured")
            self.state_reader = RestStateReader(self.client, token)
        return self.state_reader

    def _require_call(self, steps: list[Step], call_id: str) -> None:
        if not any(call["id"] == call_id for step in steps for call in step.calls):
            raise AssertionError(f"{self.variant}: no runnable call {call_id!r}")

    def _run_step(self, step: Step, until_call: str | None) -> bool:
        __tracebackhide__ = True
        self._apply(step, "setup")
        pending = {key: False for key in INTERMEDIATE_STATES if key in step.data}

        for call in step.calls:
            if call["method"] != "GET":
                self._check_due(step, pending)
            self._run_call(step, call)
            _mark_triggered(pending, call)
            if call["id"] == until_call:
                self._check_due(step, pending)
                return True

        self._check_due(step, pending)
        self._apply(step, "setup_after")
        if "state_after" in step.data:
            self._check_state(step, "state_after")
        return False

    def _apply(self, step: Step, key: str) -> None:
        for entry in step.data.get(key, []):
            try:
                self.apply_setup(copy.deepcopy(entry))
            except Exception as error:
                error.add_note(
                    f"{self.variant} {step.file}: {key} entry {render(entry)}"
                )
                raise

    def _check_due(self, step: Step, pending: dict[str, bool]) -> None:
        for key in [key for key, triggered in pending.items() if triggered]:
            del pending[key]
            self._check_state(step, key)

    def _check_state(self, step: Step, key: str) -> None:
        __tracebackhide__ = True
        try:
            problems = check_state(step.data[key], self.reader(), self.captures)
        except AssertionError as error:
            problems = [str(error)]
        if problems:
            heading = f"{self._heading(step)}, {key}"
            raise AssertionError(_report(heading, problems))

    def _run_call(self, step: Step, call: Call) -> None:
        __tracebackhide__ = True
        try:
            response = self.send(call, step.file)
        except MissingCapture as error:
            self._fail(step, call, [str(error)])
        except Exception as error:
            error.add_note(self._heading(step, call))
            raise

        body = _json_body(response)
        try:
            expect = substitute_expected(call["expect"], self.captures)
        except MissingCapture as error:
            self._fail(step, call, [str(error)], response=response)
        problems = check_response(
            expect, response.status_code, body, strict_ssa_body=self.strict_ssa_body
        )
        if problems:
            self._fail(step, call, problems, expect, response)

        try:
            self._capture(call, body)
        except CapturePathError as error:
            self._fail(step, call, [str(error)], response=response)

    def _capture(self, call: Call, body: Any) -> None:
        body_type = call["expect"].get("type")
        for name, path in call.get("capture", {}).items():
            self.captures[name] = stored_capture(read_path(body, path), body_type)

    def _url(self, call: Call) -> str:
        path = substitute(call["path"], self.captures)
        query = substitute(call.get("query") or [], self.captures)
        if not query:
            return str(path)
        pairs = [(str(name), str(value)) for name, value in query]
        return f"{path}?{urlencode(pairs, quote_via=quote)}"

    def _headers(self, call: Call) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        token = call.get("token", "none")
        if token != "none":
            headers["Authorization"] = f"Bearer {lookup(self.captures, TOKENS[token])}"
        return headers

    def _heading(self, step: Step, call: Call | None = None) -> str:
        heading = f"variant {self.variant}, step file {step.file}"
        return heading if call is None else f"{heading}, call {call['id']}"

    def _fail(
        self,
        step: Step,
        call: Call,
        problems: list[str],
        expect: dict[str, Any] | None = None,
        response: httpx.Response | None = None,
    ) -> NoReturn:
        __tracebackhide__ = True
        sections = [f"request: {call['method']} {self._shown_url(call)}"]
        if call.get("body") is not None:
            sections.append(f"request body: {_preview(self._shown_body(call))}")
        if expect is not None:
            checked = {k: v for k, v in expect.items() if k not in INFORMATIVE}
            sections.append(f"expected: {_preview(render(checked))}")
        if response is not None:
            answer = _preview(response.text)
            sections.append(f"response {response.status_code}: {answer}")
        raise AssertionError(_report(self._heading(step, call), problems, sections))

    def _shown_url(self, call: Call) -> str:
        try:
            return self._url(call)
        except MissingCapture:
            return str(call["path"])

    def _shown_body(self, call: Call) -> str:
        """The request body as sent, the admin password masked."""
        try:
            return render(substitute(call["body"], self.captures, ADMIN_PASSWORD))
        except MissingCapture:
            return render(call["body"])


def _mark_triggered(pending: dict[str, bool], call: Call) -> None:
    for key in pending:
        if call["path"].endswith(INTERMEDIATE_STATES[key]):
            pending[key] = True


def _content(body: Any) -> bytes | None:
    return None if body is None else json.dumps(body).encode("utf-8")


def _json_body(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


def _report(heading: str, problems: list[str], sections: Sequence[str] = ()) -> str:
    lines = [f"MSI tutorial replay failed: {heading}"]
    lines += [f"  - {problem}" for problem in problems]
    lines += list(_indented(sections))
    return "\n".join(lines)


def _indented(sections: Sequence[str]) -> Iterator[str]:
    for section in sections:
        yield "  " + section.replace("\n", "\n    ")


def _preview(text: str) -> str:
    if len(text) <= BODY_PREVIEW:
        return text
    return text[:BODY_PREVIEW] + f"... ({len(text)} characters)"
