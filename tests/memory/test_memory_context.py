"""A context built from plain values refuses what it would otherwise misread."""

from __future__ import annotations

import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.memory import Context
from neuroplast.memory.context import Node

CTX = Context.build(journal=[("dog", "the dog is rex.")],
                    conversation=[("user", "dog?"), ("assistant", "rex.")])


@pytest.mark.parametrize(("build", "says"), [
    (lambda: Context.build(system="hello"), "list of texts"),            # 5 nodes before
    (lambda: Context.build(journal=[("k",)]), "a journal entry is"),
    (lambda: Context.build(conversation=[("user",)]), "a conversation entry is"),
    (lambda: Context.build(conversation=[("user", "a", "b")]), "message is"),
    (lambda: CTX.without("dog"), "list of keys"),                        # read as d, o, g
    (lambda: CTX.without([None]), "non-empty key"),                      # dropped every turn
    (lambda: CTX.index_of(None), "non-empty key"),                       # matched index 0
    (lambda: CTX.truncated(-1), "count >= 0"),                           # dropped the last
    (lambda: Node("conversation", "user", "hi", float("nan")), "finite number"),
    (lambda: Node("conversation", "user", "hi", "x"), "finite number"),
])
def test_misreadable_input_is_refused(build: object, says: str) -> None:
    with pytest.raises(InvalidInputError, match=says):
        build()  # type: ignore[operator]

