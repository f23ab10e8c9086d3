"""Contexts rendered with a real tokenizer's chat template: token ranges cover each node."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from transformers import AutoTokenizer

from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.memory import Context, Node, RenderConfig, render
from neuroplast.memory.rendering import render_without
from neuroplast_bench.memory_convos import generate


def test_spans_decode_to_each_node(model_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(model_dir)
    conv = generate(random.Random(3), facts=3, distractors=2, turns=5)
    out = render(conv.context, tok)
    # the whole is what the template renders, tokenized
    text = tok.apply_chat_template(
        [{"role": "system" if n.kind in ("text", "memory") else n.kind,
          "content": RenderConfig().memory_format.format(key=n.key, text=n.text)
          if n.kind == "memory" else n.text} for n in conv.context.nodes], tokenize=False)
    assert list(out.ids) == tok(text, add_special_tokens=False)["input_ids"]
    for node, (start, end), (m0, m1) in zip(conv.context.nodes, out.spans, out.message_spans,
                                            strict=True):
        assert m0 <= start < end <= m1
        assert node.text in tok.decode(list(out.ids[start:end]))
    # message spans tile the sequence in order
    assert out.message_spans[0][0] == 0
    assert all(a[1] == b[0] for a, b in zip(out.message_spans, out.message_spans[1:],
                                            strict=False))


def test_without_a_memory_removes_exactly_its_message(llama_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(llama_dir)
    conv = generate(random.Random(4), facts=2, distractors=1, turns=4)
    full = render(conv.context, tok)
    key = conv.context.memories[1].key
    start, end = full.memory_span(key)
    reduced = render(conv.context.without({key}), tok)
    assert list(reduced.ids) == list(full.ids[:start]) + list(full.ids[end:])


def test_template_that_rewrites_history_is_refused(llama_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(llama_dir)
    tok.chat_template = ("{{ messages | length }}"
                         "{% for m in messages %}{{ m['content'] }}{% endfor %}")
    ctx = Context.build(system=["a"], conversation=[("user", "b"), ("assistant", "c")])
    with pytest.raises(ConfigError, match="renders earlier messages differently"):
        render(ctx, tok)


def test_context_rejects_bad_nodes() -> None:
    with pytest.raises(InvalidInputError, match="out of section order"):
        Context((Node("conversation", "user", "hi"), Node("system", "text", "x")))
    with pytest.raises(InvalidInputError, match="appears twice"):
        Context.build(journal=[("k", "a"), ("k", "b")])
    with pytest.raises(InvalidInputError, match="section 'diary' is unknown"):
        Node("diary", "text", "x")
    ctx = Context.build(journal=[("k", "a")], conversation=[("user", "q")])
    assert Context.from_dict(ctx.to_dict()) == ctx
    with pytest.raises(InvalidInputError, match="no memory 'z'"):
        ctx.without({"z"})


def test_render_without_equals_a_fresh_render(model_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(model_dir)
    conv = generate(random.Random(8), facts=4, distractors=2, turns=6)
    full = render(conv.context, tok)
    keys = [m.key for m in conv.context.memories]
    for drop in ({keys[0]}, {keys[-1]}, set(keys)):
        fast = render_without(full, drop, tok)
        fresh = render(conv.context.without(drop), tok)
        assert (fast.ids, fast.spans, fast.message_spans, fast.text) == (
            fresh.ids, fresh.spans, fresh.message_spans, fresh.text)


def test_render_without_falls_back_for_templates_that_look_around(llama_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(llama_dir)
    # numbers each message: removing one renumbers the rest, so the base's text cannot be cut
    tok.chat_template = ("{% for m in messages %}<|{{ m['role'] }}|>{{ loop.index }} "
                         "{{ m['content'] }}<|end|>{% endfor %}")
    ctx = Context.build(journal=[("a", "x."), ("b", "y.")],
                        conversation=[("user", "q?"), ("assistant", "r.")])
    fast = render_without(render(ctx, tok), {"a"}, tok)
    assert fast.ids == render(ctx.without({"a"}), tok).ids
