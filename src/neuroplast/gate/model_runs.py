"""Calls that run a machine-learning model on this machine: load its weights to generate,
transcribe, speak, recognise text, upscale, detect, embed, train or convert them.

A model run here loads a file someone else made, and a model file may run code as it loads
(PyTorch's ``torch.load`` documentation on pickle: "never load data that could have come
from an untrusted source"; Hugging Face's "Pickle Scanning" page); its licence may bind what
its output may be used for; and it takes the machine's memory and accelerators. A user's
view of this is one view whatever runs the model: someone who stops letting the agent run
``ollama run`` stops it for ``whisper``, ``llama-cli`` and a ``curl`` to the model server on
``localhost`` alike. So it is an act across programs (``gate.acts``: ``* model-run``). A
prompt to a model run by an outside service is ``ai-prompt`` (``gate.ai_prompts``), not
this act. Each tool is read from its own manual; help, versions, listing models or
languages, and downloading, showing or removing a model without running it are not the act:

- runtimes and servers: ``ollama run|serve|create`` (not ``pull``, ``list``, ``show``,
  ``ps``, ``rm``: ollama's CLI reference; ``create`` imports and converts a model's weights),
  llama.cpp's programs (``llama-cli``, ``llama-server``, ``llama-run``, ``llama-quantize``,
  ``llama-bench``...), ``koboldcpp``, ``llamafile`` and a ``*.llamafile`` run, ``vllm
  serve|run-batch|bench``, ``transformers chat|serve|run``, Hugging Face's
  ``text-generation-launcher``, LM Studio's
  ``lms load|chat``, MLX's ``mlx_lm.generate|chat|server|lora|convert``, ``optimum-cli
  export``, Canonical's inference snaps' ``chat`` (``gemma3``, ``deepseek-r1``,
  ``qwen-vl``), an AI client pointed at a model here (``llm -m`` a GGUF model, ``codex
  --oss``), and an HTTP request to a model server on this machine (Ollama's ``/api/generate``,
  ``/api/chat``, ``/api/embed``; the OpenAI-style ``/v1/chat/completions``, ``/v1/completions``,
  ``/v1/embeddings`` and llama-server's ``/completion``);
- speech, vision and OCR models: ``whisper`` (and whisper.cpp's ``whisper-cli``,
  ``whisperx``), ``piper``, Coqui's ``tts`` (not ``--list_models`` or a model's info),
  ``tesseract`` (its default engine is the LSTM network, tesseract(1) ``--oem``; not ``--oem
  0``, the legacy engine, nor ``--list-langs``), ``ocrmypdf`` (it runs tesseract; not with
  ``--tesseract-timeout 0``, which does no OCR), ``easyocr``, ``paddleocr``, the ncnn
  upscalers (``waifu2x-ncnn-vulkan``, ``realesrgan-ncnn-vulkan``, ``realcugan-ncnn-vulkan``),
  ``rembg i|p|b|s``, ``demucs``, ``vosk-transcriber``, Ultralytics' ``yolo`` in a mode that
  loads a model (``predict``, ``train``, ``val``, ``export``, ``track``, ``benchmark``; not
  ``settings``, ``checks``, ``cfg``), and ffmpeg's neural filters (ffmpeg-filters(1):
  ``arnndn``, ``dnn_processing``, ``dnn_detect``, ``dnn_classify``, ``derain``, ``sr``,
  ``whisper``);
- training launchers: ``accelerate launch`` (not ``config``, ``env``, ``estimate-memory``,
  ``test``), ``torchrun`` and ``python -m torch.distributed.run|launch``, ``deepspeed``.

>>> from neuroplast.gate.shell import split_command
>>> [runs_model(s) for s in split_command(
...     "ollama run llama3; ollama pull llama3; whisper talk.mp3; tesseract --list-langs; "
...     "tesseract scan.png out; accelerate launch train.py; accelerate env; "
...     "curl http://localhost:11434/api/generate -d @req.json; yolo mode=train data=coco8.yaml")]
[True, False, True, False, True, True, False, True, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.ai_prompts import prompts_model_here
from neuroplast.gate.executed import after_global_options
from neuroplast.gate.outputs import names_option, option_values
from neuroplast.gate.paths import http_request_urls, is_local_host
from neuroplast.gate.render import url_host
from neuroplast.gate.shell import Segment

__all__ = ["runs_model"]

_NOT_A_RUN = frozenset({"--help", "-h", "--version", "-V", "help", "version"})
# programs every run of which loads a model, but help, versions and the listings below
_ALWAYS = frozenset({
    "llama-cli", "llama-server", "llama-run", "llama-simple", "llama-simple-chat",
    "llama-quantize", "llama-bench", "llama-perplexity", "llama-embedding", "llama-finetune",
    "llama-mtmd-cli", "llama-llava-cli", "llama-batched", "llama-speculative",
    "koboldcpp", "llamafile", "text-generation-launcher",
    "whisper", "whisper-cli", "whisper-server", "whisperx", "piper", "tts", "tts-server",
    "tesseract", "ocrmypdf", "easyocr", "paddleocr", "waifu2x-ncnn-vulkan",
    "realesrgan-ncnn-vulkan", "realcugan-ncnn-vulkan", "demucs", "vosk-transcriber",
    "torchrun", "torch.distributed.run", "torch.distributed.launch", "deepspeed",
    "mlx_lm.generate", "mlx_lm.chat", "mlx_lm.server", "mlx_lm.lora", "mlx_lm.convert",
})
# an _ALWAYS program's options that only list or describe (their manuals)
_ALWAYS_NOT: dict[str, tuple[str, ...]] = {
    "tesseract": ("--list-langs", "--help-psm", "--help-oem", "--help-extra",
                  "--print-parameters", "--print-fonts-table"),
    "tts": ("--list_models", "--model_info_by_idx", "--model_info_by_name"),
}
# program -> the first words (after global options) that load a model, from its manual
_VERBS: dict[str, frozenset[str]] = {
    "ollama": frozenset({"run", "serve", "create"}),
    "vllm": frozenset({"serve", "run-batch", "bench"}),
    "transformers": frozenset({"chat", "serve", "run"}),
    "transformers-cli": frozenset({"run", "serve"}),
    "lms": frozenset({"load", "chat"}),
    "optimum-cli": frozenset({"export"}),
    "rembg": frozenset({"i", "p", "b", "s"}),
    "accelerate": frozenset({"launch"}),
    "gemma3": frozenset({"chat"}), "deepseek-r1": frozenset({"chat"}),
    "qwen-vl": frozenset({"chat"}),
}
# Ultralytics' modes, each of which loads a model (docs.ultralytics.com, "CLI")
_YOLO_MODES = frozenset({"predict", "train", "val", "export", "track", "benchmark"})
# endpoints of a model server that run its model: Ollama's API reference, the OpenAI-style
# API that llama-server, vLLM, LM Studio and Ollama serve, llama-server's own
_MODEL_ENDPOINTS = re.compile(
    r"/(?:api/(?:generate|chat|embed|embeddings)|v1/(?:chat/completions|completions"
    r"|embeddings)|completion|embedding)/?(?:[?#]|$)")
# ffmpeg's filters that run a neural network (ffmpeg-filters(1)), at a filter's start
_NEURAL_FILTERS = re.compile(
    r"(?:^|[,;\]])\s*(?:arnndn|dnn_processing|dnn_detect|dnn_classify|derain|sr|whisper)"
    r"(?:[=,;\[]|$)")
_FFMPEG_FILTERS = ("-vf", "-af", "-filter_complex", "-lavfi", "-filter:v", "-filter:a")


def runs_model(seg: Segment) -> bool:
    """Whether ``seg`` runs, trains or converts a machine-learning model on this machine
    (the ``model-run`` act)."""
    head, argv = seg.head, seg.argv
    if names_option(argv[1:2], _NOT_A_RUN):
        return False
    if head.endswith(".llamafile"):  # a llamafile is the model and its runtime in one
        return True
    if head in _ALWAYS:
        return (len(argv) > 1 and not names_option(argv[1:], _ALWAYS_NOT.get(head, ()))
                and not _no_neural_engine(head, argv))
    if head == "yolo":
        return any(w in _YOLO_MODES or w.removeprefix("mode=") in _YOLO_MODES
                   for w in argv[1:] if not w.startswith("-"))
    if head in ("ffmpeg", "ffplay"):
        return any(_NEURAL_FILTERS.search(v) for v in option_values(argv, _FFMPEG_FILTERS))
    if head in _VERBS:
        plain = [w for w in after_global_options(head, argv) if not w.startswith("-")]
        return bool(plain) and plain[0] in _VERBS[head]
    if prompts_model_here(seg):
        return True
    return any(is_local_host(url_host(u)) and _MODEL_ENDPOINTS.search(u)
               for u in http_request_urls(head, argv[1:]))


def _no_neural_engine(head: str, argv: tuple[str, ...]) -> bool:
    """tesseract's legacy engine alone (``--oem 0``) and ocrmypdf told to do no OCR
    (``--tesseract-timeout 0``, or tesseract's legacy engine) run no neural network."""
    if head == "tesseract":
        return "0" in option_values(argv, ("--oem",))
    if head == "ocrmypdf":
        return "0" in option_values(argv, ("--tesseract-timeout", "--tesseract-oem"))
    return False
