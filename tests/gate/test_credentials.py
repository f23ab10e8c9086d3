"""Every credential location of credentials.py, read the ways an agent reads a file."""

from __future__ import annotations

import shlex

import pytest

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.credentials import LOCATIONS, credential_kind
from neuroplast.gate.inspect import inspect_call

CWD = "/home/u/proj"
# One example per row of LOCATIONS, as a user would name it.
CREDENTIALS = [
    "~/.config/gh/hosts.yml", "~/.config/gh", "/home/u/AppData/Roaming/GitHub CLI/hosts.yml",
    "~/.config/stripe/config.toml",
    "~/.config/hub", "~/.config/glab-cli/config.yml", "/home/u/.config/glab-cli",
    "~/.docker", "$HOME/.kube", "~/.git-credentials",
    "~/.config/git/credentials", "~/.aws/credentials", "~/.aws/config",
    "~/.aws/sso/cache/a1b2.json", "~/.config/gcloud/application_default_credentials.json",
    "~/.azure/msal_token_cache.json", "~/.config/doctl/config.yaml", "~/.s3cfg", "~/.boto",
    "~/.config/rclone/rclone.conf", "~/.databrickscfg", "~/.edgerc", "~/.kaggle/kaggle.json",
    "~/.aspera/ascli/config.yaml",
    "~/.config/hcloud/cli.toml", "~/.vultr-cli.yaml", "~/.config/scw/config.yaml",
    "~/.oci/config", "~/.bluemix/config.json", "~/.twilio-cli/config.json",
    "~/.config/netlify/config.json", "~/.railway/config.json", "~/.supabase/access-token",
    "~/.config/ngrok/ngrok.yml", "~/.ngrok2/ngrok.yml", "~/.sentryclirc",
    "~/.circleci/cli.yml", "~/.travis/config.yml", "~/.gam/oauth2service.json",
    "~/.gam/oauth2.txt", "~/.gam",
    "~/.terraform.d/credentials.tfrc.json", "~/.vault-token", "~/.cache/huggingface/token",
    "~/.docker/config.json", "~/.config/containers/auth.json", "~/.kube/config",
    "~/.config/helm/registry/config.json", "~/.npmrc", "~/.yarnrc.yml", "~/.pypirc",
    "~/.config/pypoetry/auth.toml", "~/.cargo/credentials.toml", "~/.cargo/credentials",
    "~/.gem/credentials", "~/.config/composer/auth.json", "~/.m2/settings-security.xml",
    "~/.gradle/gradle.properties", "~/.netrc", "/home/u/_netrc", "~/.pgpass",
    "/home/u/AppData/Roaming/postgresql/pgpass.conf", "~/.my.cnf", "~/.mylogin.cnf",
    "~/.ssh/id_ed25519", "~/.ssh/config", "/home/u/backup/id_rsa", "~/.gnupg/pubring.kbx",
    "~/.password-store/email/work.gpg", "~/.local/share/keyrings/login.keyring",
    "~/.local/share/kwalletd/kdewallet.kwl", "~/Library/Keychains/login.keychain-db",
    "certs/server.pem", "deploy/server.key", "certs/client.p12",
    "~/.mozilla/firefox/abcd.default-release/logins.json",
    "~/Library/Application Support/Firefox/Profiles/x.default/key4.db",
    "~/.config/google-chrome/Default/Cookies", "~/.config/chromium/Default/Login Data",
    "~/Library/Application Support/Google/Chrome/Default/Login Data",
    "/etc/shadow", "/etc/gshadow", "/private/etc/master.passwd", "/etc/sudoers",
    "/etc/sudoers.d/admins", "/etc/ssl/private/ssl-cert-snakeoil", "/etc/krb5.keytab",
    ".env", ".env.production", "config/credentials.json", "config/secrets.yml",
    "~/.mlflow/credentials", "~/.config/io.datasette.llm/keys.json",
    "~/.local/share/jupyter/runtime/jpserver-4242.json", "~/.streamlit/secrets.toml",
    "~/.dbt/profiles.yml", "~/.snowsql/config", "~/.snowflake/connections.toml",
    "~/.pulumi/credentials.json", "dns/creds.json", "~/.fly/config.yml", "~/.b2_account_info",
    "~/.mc/config.json", "~/.local/share/com.vercel.cli/auth.json",
    "~/.config/.wrangler/config/default.toml", "~/.config/linode-cli",
    "~/.claude/.credentials.json", "~/.codex/auth.json", "~/.Renviron",
    "/home/u/.globus/cli/storage.db", "~/.globus.cfg",
    "android/upload-keystore.jks", "~/.android/debug.keystore", "~/private_keys/AuthKey_X1.p8",
    "~/.appstoreconnect/private_keys", "~/.fastlane/spaceship/me@example.com/cookie",
    "deploy/my-service-account-key.json", "~/.config/configstore/firebase-tools.json",
    ".godot/export_credentials.cfg", "android/key.properties", "portal/app-config.local.yaml",
    "/run/secrets/db_password", "/var/run/secrets/kubernetes.io/serviceaccount/token",
    "deploy/secrets/api.token", "~/.secrets/github",
]
HISTORIES = [
    "~/.bash_history", "~/.zsh_history", "~/.zhistory", "~/.histfile", "~/.sh_history",
    "~/.local/share/fish/fish_history",
    "~/.local/share/powershell/PSReadLine/ConsoleHost_history.txt", "~/.python_history",
    "~/.node_repl_history", "~/.irb_history", "~/.psql_history", "~/.mysql_history",
    "~/.sqlite_history", "~/.rediscli_history", "$HISTFILE",
]
NOT_SECRETS = [
    "src/app.py", ".env.example", ".env.sample", "~/.cargo/env", "~/.cargo/bin/rustc",
    "~/.config/gh/config.yml", "~/.kube/cache/discovery", "~/.docker/buildx/current",
    "~/.bashrc", "/etc/hosts", "/etc/passwd", "docs/ssh.md", "~/.config/git/ignore",
    ".docker", ".docker/Dockerfile", "deploy/.kube",  # a project's own folders
    ".godot/export_presets.cfg", "android/gradle.properties", "src/keystore.py",
    "private_keys.md", "fastlane/Fastfile", "src/secrets.py", "docs/secrets.md",
    "portal/app-config.yaml", "portal/app-config.production.yaml",  # committed, secrets by ${VAR}
]


def _quoted(path: str) -> str:
    return path if " " not in path else shlex.quote(path)


def _reads(path: str) -> list[ToolCall]:
    q = _quoted(path)
    return [
        ToolCall("Bash", {"command": f"cat {q}"}, cwd=CWD),
        ToolCall("Bash", {"command": f"grep -i token {q}"}, cwd=CWD),
        ToolCall("Bash", {"command": f"head -n 20 {q}"}, cwd=CWD),
        ToolCall("Read", {"file_path": path}, cwd=CWD),
        ToolCall("Grep", {"pattern": "token", "path": path}, cwd=CWD),
    ]


def test_every_row_names_its_tool_and_source_and_has_an_example() -> None:
    examples = CREDENTIALS + HISTORIES
    for loc in LOCATIONS:
        assert loc.tool and len(loc.source) > 10, loc
        assert any(loc.matches(p) for p in examples), f"no example for {loc.tool}: {loc.pattern}"


@pytest.mark.parametrize("path", CREDENTIALS)
def test_reading_a_credential_store_is_a_credential_read(path: str) -> None:
    for call in _reads(path):
        assert "credential_path_read" in inspect_call(call).flags, (path, call)


@pytest.mark.parametrize("path", HISTORIES)
def test_reading_a_shell_history_is_a_history_read(path: str) -> None:
    for call in _reads(path):
        assert "shell_history_read" in inspect_call(call).flags, (path, call)


@pytest.mark.parametrize("path", NOT_SECRETS)
def test_other_files_are_no_secret_store(path: str) -> None:
    full = path if path.startswith(("~", "/")) else f"{CWD}/{path}"
    assert credential_kind(full) is None


@pytest.mark.parametrize(
    "command",
    [
        "find ~/.config/gh -name '*.yml' -exec cat {} \\;",
        "python3 -c \"print(open('/home/u/.config/gh/hosts.yml').read())\"",
        "make -C ~/.config/gh",
        "rg -n oauth_token ~/.config/gh",
        "awk '/token/' ~/.netrc",
        "cp ~/.kube/config /tmp/kc",
        "bash -c 'echo \"$(<~/.pypirc)\"'",
    ],
)
def test_any_program_reading_a_store_is_flagged(command: str) -> None:
    assert "credential_path_read" in inspect_call(ToolCall("Bash", {"command": command},
                                                           cwd=CWD)).flags


@pytest.mark.parametrize(
    ("call", "flag"),
    [
        (ToolCall("Write", {"file_path": "/home/u/.aws/credentials", "content": "x"}, cwd=CWD),
         "credential_path_write"),
        (ToolCall("Bash", {"command": "echo 'ls' >> ~/.bash_history"}, cwd=CWD),
         "history_tampering"),
        (ToolCall("Edit", {"file_path": "/home/u/.zsh_history", "old_string": "a",
                           "new_string": "b"}, cwd=CWD), "history_tampering"),
    ],
)
def test_writing_a_store(call: ToolCall, flag: str) -> None:
    assert flag in inspect_call(call).flags
