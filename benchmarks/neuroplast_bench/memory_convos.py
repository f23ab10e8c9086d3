"""Generated conversations whose answers depend on facts stated in memories.

Each conversation gives the assistant a few memories (facts about the user, some recalled
in the journal, some mid-conversation), *distractors* on the same subject about someone
else ("the user's neighbour's dog is called max"), and turns of three kinds: questions
whose answer is one memory's value, small talk, and arithmetic, which need no memory.
Every assistant response carries the key of the memory it needs (or None), so attribution
can be checked against the truth.

Values are drawn at random per conversation, so a model can only answer a fact question
by reading the memory: nothing about one user can be memorised from the training set.

>>> conv = generate(random.Random(0))
>>> needs = [n for n in conv.needs if n is not None]
>>> all(k in {m.key for m in conv.context.memories} for k in needs)
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from neuroplast.memory.context import Context, Node

__all__ = ["SUBJECTS", "Conversation", "generate", "generate_many", "long_conversation",
           "random_profile"]

_NAMES = ["rex", "max", "bella", "luna", "milo", "coco", "toby", "ruby", "otis", "daisy",
          "finn", "nala", "oscar", "pepper", "ziggy", "juno", "bruno", "olive", "hugo", "kiki"]
_CITIES = ["paris", "lima", "oslo", "cairo", "dublin", "tokyo", "quito", "rome", "delhi",
           "perth", "boston", "madrid", "seoul", "vienna", "prague", "nairobi", "austin",
           "lisbon", "hanoi", "zurich"]
_COLOURS = ["red", "blue", "green", "yellow", "purple", "orange", "teal", "pink", "black",
            "white", "grey", "brown", "gold", "silver", "navy", "olive", "coral", "indigo",
            "violet", "cyan"]
_FOODS = ["pizza", "sushi", "tacos", "curry", "pasta", "salad", "ramen", "falafel", "soup",
          "noodles", "burgers", "dumplings", "paella", "risotto", "kebab", "pancakes",
          "waffles", "chili", "lasagna", "gumbo"]
_JOBS = ["teacher", "nurse", "pilot", "chef", "baker", "farmer", "lawyer", "dentist",
         "plumber", "painter", "writer", "doctor", "engineer", "banker", "tailor", "actor",
         "singer", "sailor", "builder", "gardener"]

# subject: (value pool, memory about the user, distractor owner, questions, answers)
SUBJECTS: dict[str, tuple[list[str], str, list[str], list[str]]] = {
    "dog": (_NAMES, "{owner} dog is called {v}.",
            ["what is my dog called?", "what is the name of my dog?"],
            ["your dog is called {v}.", "your dog's name is {v}."]),
    "cat": (_NAMES, "{owner} cat is called {v}.",
            ["what is my cat called?", "what did i name my cat?"],
            ["your cat is called {v}.", "you named your cat {v}."]),
    "city": (_CITIES, "{owner} home town is {v}.",
             ["where do i live?", "which city is my home?"],
             ["you live in {v}.", "your home is {v}."]),
    "colour": (_COLOURS, "{owner} favourite colour is {v}.",
               ["what is my favourite colour?", "which colour do i like best?"],
               ["your favourite colour is {v}.", "you like {v} best."]),
    "food": (_FOODS, "{owner} favourite food is {v}.",
             ["what food do i love?", "what is my favourite food?"],
             ["you love {v}.", "your favourite food is {v}."]),
    "job": (_JOBS, "{owner} job is {v}.",
            ["what is my job?", "what do i do for work?"],
            ["you work as a {v}.", "your job is {v}."]),
}
_OTHERS = ["the user's neighbour's", "the user's sister's", "a friend's", "the user's boss's"]
_SMALL_TALK = [("hello!", "hello! how can i help?"), ("thanks!", "you are welcome."),
               ("how are you?", "i am well, thank you."), ("good night.", "good night!"),
               ("can you help me?", "of course, ask away."), ("bye!", "goodbye!")]
_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen"]
SYSTEM = "you are a helpful assistant. answer from your memories."
IDENTITY = "i am nova, the user's assistant."


@dataclass(frozen=True)
class Conversation:
    """A context and, per assistant response in order, the key of the memory it needs."""

    context: Context
    needs: tuple[str | None, ...]
    distractors: frozenset[str]


def _fact_turn(rng: random.Random, subject: str, value: str) -> tuple[str, str]:
    _, _, questions, answers = SUBJECTS[subject]
    return rng.choice(questions), rng.choice(answers).format(v=value)


def _other_turn(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return rng.choice(_SMALL_TALK)
    a, b = rng.randrange(10), rng.randrange(10)
    return f"what is {_NUMBERS[a]} plus {_NUMBERS[b]}?", f"{_NUMBERS[a + b]}."


def generate(
    rng: random.Random,
    *,
    facts: int | None = None,
    distractors: int | None = None,
    turns: int | None = None,
    start: float = 0.0,
    profile: dict[str, str] | None = None,
    fact_share: float = 0.6,
) -> Conversation:
    """One conversation. Counts left None are drawn from small ranges. ``profile`` fixes
    the user's facts (subject -> value; one user across conversations); else they are
    drawn for this conversation. ``fact_share``: chance that a turn asks a known fact."""
    facts = rng.randint(1, 4) if facts is None else facts
    subjects = rng.sample(sorted(SUBJECTS), min(facts, len(SUBJECTS)))
    values = {s: (profile or {}).get(s) or rng.choice(SUBJECTS[s][0]) for s in subjects}
    n_distract = rng.randint(0, len(subjects)) if distractors is None else distractors
    # Keys are opaque, as in an agent's store: nothing in them tells a fact from a distractor.
    keys = [f"{n:04d}" for n in rng.sample(range(10_000), len(subjects) + n_distract)]
    memories: list[tuple[str, str]] = []
    subject_of: dict[str, str] = {}
    for key, s in zip(keys, subjects, strict=False):
        subject_of[key] = s
        memories.append((key, SUBJECTS[s][1].format(owner="the user's", v=values[s])))
    distract_keys = set()
    for j, key in enumerate(keys[len(subjects):]):
        s = subjects[j % len(subjects)]
        other = rng.choice([v for v in SUBJECTS[s][0] if v != values[s]])
        distract_keys.add(key)
        memories.append((key, SUBJECTS[s][1].format(owner=rng.choice(_OTHERS), v=other)))
    rng.shuffle(memories)
    # Most memories sit in the journal; some are recalled in the conversation, just
    # before the turns that follow them.
    n_journal = rng.randint(max(0, len(memories) - 2), len(memories))
    journal, recalled = memories[:n_journal], memories[n_journal:]
    turns = rng.randint(3, 7) if turns is None else turns
    known: list[str] = [k for k, _ in journal if k not in distract_keys]
    items: list[tuple[str, ...]] = []
    needs: list[str | None] = []
    for _ in range(turns):
        if recalled and rng.random() < 0.5:
            key, text = recalled.pop(0)
            items.append(("memory", key, text))
            if key not in distract_keys:
                known.append(key)
        if known and rng.random() < fact_share:
            key = rng.choice(known)
            question, answer = _fact_turn(rng, subject_of[key], values[subject_of[key]])
            needs.append(key)
        else:
            question, answer = _other_turn(rng)
            needs.append(None)
        items += [("user", question), ("assistant", answer)]
    for key, text in recalled:  # not recalled in time: stays a (late) memory all the same
        items.append(("memory", key, text))
    context = Context.build(system=[SYSTEM], identity=[IDENTITY], journal=journal,
                            conversation=items, start=start)  # type: ignore[arg-type]
    return Conversation(context, tuple(needs), frozenset(distract_keys))


def generate_many(seed: int, count: int, **kwargs: Any) -> list[Conversation]:
    """``count`` conversations from one seed; timestamps never repeat across them."""
    rng = random.Random(seed)
    return [generate(rng, start=1000.0 * i, **kwargs) for i in range(count)]


def random_profile(rng: random.Random) -> dict[str, str]:
    """One user's facts: a value for every subject."""
    return {s: rng.choice(SUBJECTS[s][0]) for s in sorted(SUBJECTS)}


def long_conversation(seed: int, memories: int, responses: int) -> Context:
    """A context with ``memories`` memories spread over ``responses`` turns (cost bench)."""
    rng = random.Random(seed)
    nodes: list[Node] = [Node("system", "text", SYSTEM), Node("identity", "text", IDENTITY)]
    every = max(1, responses // memories)
    subjects = sorted(SUBJECTS)
    added = 0
    for turn in range(responses):
        if added < memories and turn % every == 0:
            s = subjects[added % len(subjects)]
            value = rng.choice(SUBJECTS[s][0])
            nodes.append(Node("conversation", "memory",
                              SUBJECTS[s][1].format(owner="the user's", v=value),
                              float(len(nodes)), f"{added:04d}"))
            added += 1
        q, a = _other_turn(rng) if rng.random() < 0.5 else _fact_turn(
            rng, rng.choice(subjects), rng.choice(_NAMES))
        nodes += [Node("conversation", "user", q, float(len(nodes))),
                  Node("conversation", "assistant", a, float(len(nodes) + 1))]
    return Context(tuple(nodes))
