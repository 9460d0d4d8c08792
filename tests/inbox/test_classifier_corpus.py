"""The classifier against the corpus written for it (``corpus/messages.mbox``).

A false rejection is worse than a missed one: precision on rejections must be at least 0.95
and recall at least 0.8. The figures are printed (``pytest -s`` shows them; so does a failure).
"""

from __future__ import annotations

import mailbox
from collections import Counter
from pathlib import Path

import pendulum
import pytest

from postinterview_tui.inbox.classify import Kind, classify
from postinterview_tui.inbox.parse import read_message

CORPUS = Path(__file__).parent / "corpus" / "messages.mbox"
LONDON = pendulum.timezone("Europe/London")


def _corpus() -> list[tuple[str, Kind, Kind, str]]:
    """(Message-ID, expected kind, decided kind, deciding phrase) for every message."""
    results = []
    box = mailbox.mbox(CORPUS, create=False)
    try:
        for key in box.iterkeys():
            raw = box.get_message(key)
            expected = Kind(str(raw["X-Corpus-Kind"]))
            matched = str(raw.get("X-Corpus-Matched", "yes")) != "no"
            with box.get_file(key) as stream:
                message = read_message(stream, zone=LONDON, source=str(key))
            verdict = classify(message, matched=matched)
            results.append((message.message_id, expected, verdict.kind, verdict.reason))
    finally:
        box.close()
    return results


def test_the_corpus_is_big_and_varied_enough() -> None:
    kinds = Counter(expected for _, expected, _, _ in _corpus())
    assert sum(kinds.values()) >= 80
    assert set(kinds) == set(Kind)
    assert kinds[Kind.REJECTION] >= 20


def test_rejections_are_found_with_high_precision(capsys: pytest.CaptureFixture[str]) -> None:
    results = _corpus()
    true_positive = sum(1 for _, e, d, _ in results if e is Kind.REJECTION and d is Kind.REJECTION)
    said_rejection = sum(1 for _, _, d, _ in results if d is Kind.REJECTION)
    real_rejections = sum(1 for _, e, _, _ in results if e is Kind.REJECTION)
    precision = true_positive / said_rejection if said_rejection else 0.0
    recall = true_positive / real_rejections
    accuracy = sum(1 for _, e, d, _ in results if e is d) / len(results)
    with capsys.disabled():
        print(
            f"\nclassifier on {len(results)} messages: rejection precision {precision:.3f}, "
            f"recall {recall:.3f}; all kinds right {accuracy:.3f}"
        )
        for message_id, expected, decided, reason in results:
            if expected is not decided:
                print(f"  {message_id}: expected {expected}, got {decided} ({reason})")
    assert precision >= 0.95
    assert recall >= 0.8


def test_most_messages_of_every_kind_are_classified_right() -> None:
    results = _corpus()
    for kind in Kind:
        of_kind = [(e, d) for _, e, d, _ in results if e is kind]
        right = sum(1 for e, d in of_kind if e is d)
        assert right / len(of_kind) >= 0.75, (kind, right, len(of_kind))
