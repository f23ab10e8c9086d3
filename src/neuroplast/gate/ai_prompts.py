"""Calls that send a prompt to an AI model run by an outside service.

A prompt carries whatever the agent puts in it (files, logs, a client's documents) to a
third party's servers, where it may be kept and read under that party's terms. A user's
view of this is one view whatever the client: someone who stops letting the agent ask
``llm`` about a document stops it for ``aider``, ``codex``, ``claude -p``, ``gh copilot``
and a ``curl`` to the provider's API alike. So it is an act across programs
(``gate.acts``: ``* ai-prompt``). Each client is read from its own documentation; its
setup, login, model lists, logs and help send no prompt, and a model served on this
machine (``ollama run``, ``llama-cli``, a GGUF model file, ``codex --oss``) is not an
outside service:

- command-line clients: ``llm`` (its prompt, ``chat``, ``cmd``, ``embed``; not ``models``,
  ``keys``, ``logs``, ``plugins``, ``install``, ``templates``...), ``aider``, ``codex``
  (not ``login``, ``logout``, ``completion``, ``mcp``), ``claude`` (not ``config``,
  ``mcp``, ``update``, ``doctor``, ``install``, ``setup-token``), ``gemini``, ``qwen``,
  ``opencode run``, ``goose run``, ``cursor-agent``, ``sgpt``, ``aichat``, ``mods``,
  ``tgpt``, ``chatgpt``, GitHub's ``copilot``, ``crush`` (not ``logs``, ``schema``...),
  ``openclaw agent`` and ``zeroclaw agent``, each also with the prompt piped in,
  ``fabric`` with a pattern, ``q chat`` (Amazon Q), ``gh copilot suggest|explain``,
  ``openai api ... create``, ``aws bedrock-runtime invoke-model|converse*``;
- requests to a model provider's API: OpenAI, Azure OpenAI, Anthropic, Google's Gemini
  API, Mistral, Cohere, Groq, OpenRouter, Together, DeepSeek, Perplexity, xAI, Fireworks,
  Hugging Face inference, Amazon Bedrock's runtime.

>>> from neuroplast.gate.shell import split_command
>>> [sends_ai_prompt(s) for s in split_command(
...     "llm 'summarise' < brief.txt; llm models; aider --message 'fix it' a.py; "
...     "claude -p 'explain x'; claude mcp list; ollama run llama3 hi; "
...     "curl https://api.openai.com/v1/chat/completions -d @req.json")]
[True, False, True, True, False, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, option_values
from neuroplast.gate.paths import http_request_urls
from neuroplast.gate.shell import Segment

__all__ = ["prompts_model_here", "sends_ai_prompt"]

# help and lists; llm's ``--save`` stores a template, mods' ``--settings`` opens its
# configuration (their docs)
_NO_PROMPT = frozenset({"--help", "-h", "--version", "-V", "--list-models", "--models",
                        "--save", "--settings", "--dirs"})
# a model file (GGUF, GGML, llamafile) or an Ollama model runs on this machine
_LOCAL_MODEL = re.compile(r"gguf|ggml|llamafile|^ollama[:/]", re.IGNORECASE)
# client -> its commands that send no prompt (setup, accounts, lists, logs)
_CLIENTS: dict[str, frozenset[str]] = {
    "llm": frozenset({"models", "keys", "logs", "plugins", "install", "uninstall",
                      "templates", "aliases", "collections", "similar", "schemas", "tools",
                      "fragments", "openai", "embed-models", "help"}),
    "aider": frozenset(),
    "codex": frozenset({"login", "logout", "completion", "mcp", "help", "apply"}),
    "claude": frozenset({"config", "mcp", "update", "doctor", "install", "setup-token",
                         "migrate-installer", "plugin"}),
    "gemini": frozenset({"extensions", "mcp"}),
    "qwen": frozenset({"extensions", "mcp"}),
    "cursor-agent": frozenset({"login", "logout", "status", "update"}),
    "sgpt": frozenset(), "aichat": frozenset(), "mods": frozenset(), "tgpt": frozenset(),
    "chatgpt": frozenset(),
    "copilot": frozenset({"help", "version", "update"}),  # GitHub Copilot CLI
    "crush": frozenset({"logs", "update-providers", "schema", "dirs", "help", "completion"}),
}
# client -> the command that sends a prompt
_VERBS: dict[str, frozenset[str]] = {
    "opencode": frozenset({"run"}),
    "goose": frozenset({"run", "session"}),
    "q": frozenset({"chat"}),
    "openclaw": frozenset({"agent"}), "zeroclaw": frozenset({"agent"}),
}
_PROVIDER_API = re.compile(
    r"^https?://(?:api\.openai\.com|[\w-]+\.openai\.azure\.com|api\.anthropic\.com"
    r"|generativelanguage\.googleapis\.com|api\.mistral\.ai|api\.cohere\.(?:ai|com)"
    r"|api\.groq\.com|openrouter\.ai/api|api\.together\.(?:xyz|ai)|api\.deepseek\.com"
    r"|api\.perplexity\.ai|api\.x\.ai|api\.fireworks\.ai|api-inference\.huggingface\.co"
    r"|router\.huggingface\.co|bedrock-runtime\.[\w-]+\.amazonaws\.com)", re.IGNORECASE)


def sends_ai_prompt(seg: Segment) -> bool:
    """Whether ``seg`` sends a prompt to an AI model run by an outside service (the
    ``ai-prompt`` act)."""
    if names_option(seg.argv[1:], _NO_PROMPT) or _model_here(seg.argv):
        return False
    return _client_prompt(seg) or any(
        _PROVIDER_API.match(u) for u in http_request_urls(seg.head, seg.argv[1:]))


def prompts_model_here(seg: Segment) -> bool:
    """Whether ``seg`` sends a prompt through one of these clients to a model run on this
    machine (``llm -m`` a GGUF model, ``codex --oss``): a model run here
    (``gate.model_runs``), not an outside service."""
    return (not names_option(seg.argv[1:], _NO_PROMPT) and _model_here(seg.argv)
            and _client_prompt(seg))


def _model_here(argv: tuple[str, ...]) -> bool:
    """codex's ``--oss`` (a model served on this machine, its docs), or a model named by
    ``-m``/``--model`` that is a model file or an Ollama model."""
    return "--oss" in argv or any(
        _LOCAL_MODEL.search(m) for m in option_values(argv, ("-m", "--model")))


def _client_prompt(seg: Segment) -> bool:
    """Whether ``seg`` gives a client above a prompt, whatever model answers it."""
    head, words = seg.head, seg.argv[1:]
    plain = [a for a in words if not a.startswith("-")]
    if head in _CLIENTS:
        # a prompt given, or piped or redirected in; a bare client only opens its prompt
        return not _CLIENTS[head].intersection(plain[:1]) and (
            bool(words) or bool(seg.redirects) or seg.joiner == "|" or head == "aider")
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
    if head == "fabric":  # fabric -p PATTERN (or --pattern) sends its input to the model
        return names_option(words, ("-p", "--pattern"))
    if head == "gh":
        return plain[:1] == ["copilot"] and plain[1:2] in (["suggest"], ["explain"])
    if head == "openai":
        return plain[:1] == ["api"] and any(w.endswith(".create") for w in plain[1:3])
    if head == "aws":
        return plain[:1] == ["bedrock-runtime"] and any(
            w.startswith(("invoke-model", "converse")) for w in plain[1:2])
    return False
