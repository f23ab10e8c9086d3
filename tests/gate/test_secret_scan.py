"""Secrets in text: detect-secrets' plugins and filters, and the formats added beside them."""

from __future__ import annotations

import time

import pytest

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.secret_scan import secret_in_text

CWD = "/home/u/proj"
_A36 = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ('KEY = "AKIAIOSFODNN7EXAMPLE"', "cfg.py"),  # AWSKeyDetector
        (f"token: ghp_{_A36}", "ci.yml"),  # GitHubTokenDetector
        ("github_pat_11ABCDEFG0abcdefghijklmnopqrstuvwxyz0123456789", ""),  # GitHub docs
        ("glpat-abcdefghij0123456789", ""),  # GitLabTokenDetector
        ("SLACK=xoxb-1234567890-0987654321-abcdefghijklmnop", ".env"),  # SlackDetector
        ("sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", ""),  # StripeDetector
        ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9P",
         ""),  # JwtTokenDetector
        ("postgres://admin:s3cr3tpw@db.example.com:5432/app", ""),  # BasicAuthDetector
        ("//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789", ".npmrc"),
        ("password = pypi-AgEIcHlwaS5vcmc" + "A" * 70, ".pypirc"),  # PypiTokenDetector
        ("SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789abcdefg", ""),
        ("OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345", ".env"),  # OpenAI docs
        ("client = Anthropic(api_key='sk-ant-api03-abcdefghijklmnopqrstuvwxyz')", "a.py"),
        ("AIzaSyA-abcdefghijklmnopqrstuvwxyz01234", ""),  # Google Cloud docs
        ("HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEFGH", ""),  # Hugging Face docs
        ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "credentials"),
        ("curl -H 'Authorization: Bearer 9f8e7d6c5b4a39281706' https://api.x.io", ""),
        ('headers = {"Authorization": "token 0123456789abcdef0123"}', "a.py"),
        ("curl -H 'PRIVATE-TOKEN: glx-0123456789abcdef' https://gitlab.x.io/api", ""),
        ("curl -H 'X-API-Key: 0123456789abcdef' https://api.x.io", ""),
        ("db:\n  password: hunter2hunter", "s.yml"),  # KeywordDetector, YAML regexes
        ('DB_PASSWORD = "correct-horse-9"', "settings.py"),  # KeywordDetector, quotes required
        ("DB_PASSWORD=correct-horse-9", ".env"),  # unquoted (dotenv): config regexes
        ("export API_KEY=abcdef123456", "deploy.sh"),
        ("[client]\npassword=hunter2hunter", "my.cnf"),
        ("access_token: 8a7s6d5f4g3h2j1k", "config.yml"),  # RFC 6749 names
        ('REFRESH_TOKEN = "1//0gAbCdEfGhIjKl"', "auth.py"),
        ("aws_session_token=IQoJb3JpZ2luX2VjEOr", "credentials"),
    ],
)
def test_secrets_are_found(text: str, filename: str) -> None:
    assert secret_in_text(text, filename)


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ('password = os.environ["DB_PASSWORD"]', "settings.py"),  # is_indirect_reference
        ("password: ${DB_PASSWORD}", "s.yml"),  # is_templated_secret
        ("password: <your-password>", "s.yml"),
        ("api_key = get_api_key()", "app.py"),
        ("password: '********'", "s.yml"),  # is_not_alphanumeric_string
        ("password=123456789", ".env"),  # is_sequential_string
        ("if password == stored_password:", "check.sh"),  # a comparison, not a value
        ("curl -H \"Authorization: Bearer $TOKEN\" https://api.x.io", ""),
        ("Authorization: Neuroplast-HMAC <hex request MAC>", ""),  # a scheme, no credential
        ("task-runner-configuration-file-name", ""),  # sk- inside a word
        ("def check(password): return password == stored", "a.py"),
        ("git clone https://github.com/x/y.git", ""),
        ("ls -la ~/.ssh && git status", ""),
        ("password = getpass()", "a.py"),
        ('access_token = request.args.get("token")', "app.py"),
        ("auth_token: ${AUTH_TOKEN}", "ci.yml"),
        ("if access_token == expected:", "a.sh"),
        ("csrf_token = generate()", "a.py"),
    ],
)
def test_non_secrets_are_not_found(text: str, filename: str) -> None:
    assert not secret_in_text(text, filename)


def test_inspect_raises_secret_in_content_for_writes_and_commands() -> None:
    write = ToolCall("Write", {"file_path": "k.py", "content": f"T = 'ghp_{_A36}'"}, cwd=CWD)
    bash = ToolCall("Bash", {"command": f"gh auth login --with-token <<< ghp_{_A36}"}, cwd=CWD)
    assert "secret_in_content" in inspect_call(write).flags
    assert "secret_in_content" in inspect_call(bash).flags


def test_a_16k_file_with_a_keyword_on_every_line_stays_bounded() -> None:
    content = "password = get_password(i)\n" * 600 + "api_key = lookup(k)\n" * 200
    start = time.perf_counter()
    assert not secret_in_text(content, "app.py")
    assert time.perf_counter() - start < 0.1
