"""Quiz questions made from the data, and answers checked against the same status model.

Four kinds: who administered an island on a day; in which year an event happened; which
islands a position (the 1956 promise) covers; and which island changed hands on a day
(answered by clicking it on the map). Each question keeps what it needs to be checked again,
so that the check never trusts the answer stored when the question was made.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from geo.classroom.compare import differences
from geo.model.i18n import translate
from geo.model.records import STATES, History, day_when, event_text
from geo.model.status import status_at
from geo.model.timeline import Timeline

NONE = ""  # the answer "no state administered it"


@dataclass(frozen=True)
class Question:
    kind: str  # "controller", "event_year", "promise", "changed_island"
    island: str = ""
    date: dt.date | None = None
    event: str = ""
    choices: tuple[str, ...] = ()  # states, years, or group tokens; empty for map answers
    sources: tuple[str, ...] = ()


def correct_answer(question: Question, history: History) -> str | set[str]:
    """The right answer, computed afresh from the history (a set where several are right)."""
    if question.kind == "controller":
        return status_at(question.date, history).loc[question.island, "controller"]
    if question.kind == "event_year":
        return str(history.events.loc[question.event, "date"].year)
    if question.kind == "promise":
        promised = {p.island for p in history.claims
                    if p.position == "transfer-after-peace-treaty" and p.covers(question.date)}
        return next(token for token in question.choices if set(history.groups[token]) == promised)
    if question.kind == "changed_island":
        before = question.date - dt.timedelta(days=1)
        return {change.island for change in differences(before, question.date, history)}
    raise ValueError(f"unknown question kind {question.kind!r}")


def is_correct(question: Question, answer: str, history: History) -> bool:
    right = correct_answer(question, history)
    return answer in right if isinstance(right, set) else answer == right


def _controller_question(rng: random.Random, history: History, timeline: Timeline) -> Question:
    island = rng.choice(history.island_ids)
    # A day inside one of the island's periods, away from its edges, so the answer is clear.
    segments = timeline.segments[island]
    index = rng.randrange(len(segments))
    start = segments[index].start
    end = segments[index + 1].start if index + 1 < len(segments) else history.today
    day = start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))
    control = next(p for p in history.control if p.island == island and p.covers(day))
    return Question("controller", island=island, date=day, choices=(*STATES, NONE), sources=control.sources)


def _event_year_question(rng: random.Random, history: History) -> Question:
    events = history.events[history.events["precision"] == "day"]
    event = events.iloc[rng.randrange(len(events))]
    year = event["date"].year
    decoys = set()
    while len(decoys) < 3:
        offset = rng.choice([-30, -11, -6, -4, -1, 1, 4, 6, 11, 30])
        if year + offset <= history.today.year:
            decoys.add(year + offset)
    years = sorted({year, *decoys})
    return Question("event_year", event=event["id"], choices=tuple(str(y) for y in years),
                    sources=tuple(event["source_ids"]))


def _promise_question(history: History) -> Question | None:
    promises = [p for p in history.claims if p.position == "transfer-after-peace-treaty"]
    if not promises:
        return None
    first = min(promises, key=lambda p: p.start)
    return Question("promise", date=first.start, event=first.event,
                    choices=("lesser", "southern", "habomai", "middle"), sources=first.sources)


def _changed_island_question(rng: random.Random, history: History, timeline: Timeline) -> Question | None:
    days = sorted({s.start for segments in timeline.segments.values() for s in segments[1:]})
    candidates = [d for d in days if 0 < len(differences(d - dt.timedelta(days=1), d, history)) <= 3]
    if not candidates:
        return None
    day = rng.choice(candidates)
    changed = differences(day - dt.timedelta(days=1), day, history)
    control = next(p for p in history.control if p.island == changed[0].island and p.start == day)
    return Question("changed_island", date=day, event=control.event, sources=control.sources)


def make_quiz(history: History, timeline: Timeline, seed: int, count: int = 8) -> list[Question]:
    """``count`` questions, the same for the same seed."""
    rng = random.Random(seed)
    questions: list[Question] = []
    promise = _promise_question(history)
    if promise:
        questions.append(promise)
    for _ in range(count * 20):  # bounded: a small history may not have enough distinct questions
        if len(questions) >= count:
            break
        kind = rng.choice(["controller", "controller", "event_year", "changed_island"])
        if kind == "controller":
            question = _controller_question(rng, history, timeline)
        elif kind == "event_year":
            question = _event_year_question(rng, history)
        else:
            question = _changed_island_question(rng, history, timeline)
        if question and all((q.kind, q.island, q.event, q.date) != (question.kind, question.island,
                                                                    question.event, question.date)
                            for q in questions):
            questions.append(question)
    rng.shuffle(questions)
    return questions


def answer_label(question: Question, choice: str, names, lang: str) -> str:
    """How a choice reads in ``lang``: a state's or group's name, an island's name (``names``:
    island id to name), or the choice itself (a year)."""
    if question.kind == "controller":
        return translate(f"state_{choice}", lang) if choice else translate("state_none", lang)
    if question.kind == "promise":
        return translate(f"group_{choice}", lang)
    if question.kind == "changed_island":
        return names[choice]
    return choice


def question_when(question: Question, history: History, lang: str) -> str:
    """The question's date as it is asked: at the precision of its event when the question is about
    the day of that event (a change in 1711 is asked as "1711", not "1711-01-01"), else the day."""
    return day_when(history, question.date, question.event, lang) if question.date else ""


def question_text(question: Question, history: History, names, lang: str) -> str:
    """The question as it is asked in ``lang`` (``names``: island id to name)."""
    title = event_text(history.events.loc[question.event], "title", lang) if question.event else ""
    return translate(f"quiz_{question.kind}", lang, island=names.get(question.island, ""),
                     date=question_when(question, history, lang), event=title)
