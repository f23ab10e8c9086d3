"""Table tests of the ``ai-prompt`` act (``gate.ai_prompts``): prompts sent to an AI model
run by an outside service, by a client or a request to its API; setup, lists and local
models send none."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import MUST_KNOW_ACTS
from neuroplast.gate.ai_prompts import sends_ai_prompt
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import must_know, program_keys


def _does(command: str) -> bool:
    return any(sends_ai_prompt(s) for s in split_command(command) if s.head)


@pytest.mark.parametrize("command", [
    "llm 'summarise this' < brief.txt",
    'llm -m gpt-4o "what is this"',
    'llm chat -m claude-3.5-sonnet',
    "cat notes.md | llm -s 'summarise'",
    "aider --message 'fix the bug' src/a.py",
    'aider',
    'codex "explain this repo"',
    'codex exec "add tests"',
    'claude -p "review this diff"',
    'claude --continue',
    'gemini -p "summarise"',
    'sgpt "what does this do"',
    'aichat -f report.pdf summarise',
    'mods "explain" < log.txt',
    'fabric -p summarize < article.txt',
    'gh copilot suggest "undo last commit"',
    'q chat "how do I"',
    'openai api chat.completions.create -m gpt-4o -g user hi',
    'aws bedrock-runtime converse --model-id m --messages file://m.json',
    'curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $K" -d @req.json',
    'curl -X POST https://api.anthropic.com/v1/messages -d @m.json',
    'http POST https://generativelanguage.googleapis.com/v1beta/models/g:generateContent',
])
def test_the_act_by_any_tool(command: str) -> None:
    assert _does(command)


@pytest.mark.parametrize("command", [
    'llm models',
    'llm keys set openai',
    'llm logs -n 3',
    'llm -m orca-mini-3b-gguf2-q4_0 "hi"',
    "llm --system 'be brief' --save brief",
    'aider --help',
    'codex login',
    'codex --oss "explain"',
    'claude mcp list',
    'claude doctor',
    'mods --settings',
    'fabric --list',
    'gh copilot --help',
    'curl https://platform.openai.com/docs',
    'ollama run llama3 "hi"',
    'llama-cli -m model.gguf -p hi',
])
def test_what_is_not_the_act(command: str) -> None:
    assert not _does(command)


def test_the_act_is_one_key_across_programs() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for command in ("llm 'summarise' < a.txt", "aider --message fix a.py", "claude -p x",
                    "curl https://api.openai.com/v1/chat/completions -d @r.json"):
        assert "Bash:* ai-prompt" in keys(command), command
    assert "Bash:* ai-prompt" not in keys("ollama run llama3 hi")
    # the prompt and what it carries reach another party's machines
    assert "ai-prompt" in MUST_KNOW_ACTS and must_know("Bash:* ai-prompt")
