"""Where credentials live on disk, as each tool's own documentation says, one row per tool.

Every row is a regular expression over a path as :func:`~neuroplast.gate.paths.resolve_path`
gives it (``~`` kept, everything else absolute), the tool that keeps its secrets there, and
the documentation that says so. A row that names a file under a home directory is anchored
at any directory (``/home/u/.netrc``, ``~/.netrc`` and ``$HOME/.netrc`` all match), since the
home an agent's command means is not known here; a row for a tool's whole directory
(``~/.docker``, read by ``grep -r``) starts with ``~/`` and matches only under a home, so
that a project's own ``.docker/`` folder is not taken for it.

Shell and REPL histories are a kind of their own: they hold whatever was typed, tokens
and passwords given on command lines included, so reading one is a credential read; but
people also read their history for harmless reasons, so the gate keeps it apart (a user's
approved ``grep docker ~/.bash_history`` must not vouch for ``cat ~/.aws/credentials``).

>>> credential_kind("~/.config/gh/hosts.yml"), credential_kind("/home/u/.bash_history")
('credential', 'history')
>>> credential_kind("/home/u/proj/src/app.py") is None
True
>>> locate("/home/u/.aws/credentials").tool
'AWS CLI'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["LOCATIONS", "NOT_SECRET", "Location", "credential_kind", "holds_credentials",
           "locate"]

Kind = Literal["credential", "history"]


@dataclass(frozen=True)
class Location:
    """One place a tool keeps secrets: ``pattern`` over a resolved path, and its ``source``.

    >>> Location(r"\\.netrc$", "netrc", "curl(1) --netrc").matches("/home/u/.netrc")
    True
    """

    pattern: str
    tool: str
    source: str
    kind: Kind = "credential"

    def matches(self, path: str) -> bool:
        return re.search(_anchored(self.pattern), path) is not None


# ~, /home/NAME, /Users/NAME, /root, or $HOME / ${HOME} kept as text in a relative path
_HOME = r"(?:^~|^/home/[^/]+|^/Users/[^/]+|^/root|(?:^|/)\$\{?HOME\}?)/"


def _anchored(pattern: str) -> str:
    # rows for system files start with ^/, rows for a home's directories with ~/; every
    # other row may sit under any directory
    if pattern.startswith("~/"):
        return _HOME + pattern[2:]
    return pattern if pattern.startswith("^") else r"(?:^|/)" + pattern


_H = "history"
LOCATIONS: tuple[Location, ...] = (
    # -- code hosting and version control ------------------------------------------------
    Location(r"\.config/gh/hosts\.yml$", "GitHub CLI",
             "gh help environment (GH_CONFIG_DIR defaults to ~/.config/gh); gh auth login "
             "stores the token in hosts.yml when no system keyring is available"),
    Location(r"~/\.config/gh$", "GitHub CLI", "as above: the directory that holds hosts.yml"),
    Location(r"AppData/Roaming/GitHub CLI(?:/hosts\.yml)?$", "GitHub CLI (Windows)",
             "gh help environment: %AppData%/GitHub CLI on Windows"),
    Location(r"\.config/hub$", "hub", "hub(1) CONFIGURATION: OAuth tokens kept in ~/.config/hub"),
    Location(r"\.config/glab-cli/config\.yml$", "GitLab CLI",
             "glab auth login docs: the token is written to ~/.config/glab-cli/config.yml"),
    Location(r"~/\.config/glab-cli$", "GitLab CLI", "as above: the directory of config.yml"),
    Location(r"\.git-credentials$", "git credential-store",
             "git-credential-store(1) FILES: ~/.git-credentials"),
    Location(r"\.config/git/credentials$", "git credential-store",
             "git-credential-store(1) FILES: $XDG_CONFIG_HOME/git/credentials"),
    # -- cloud providers -----------------------------------------------------------------
    Location(r"\.aws(?:/|$)", "AWS CLI",
             "AWS CLI User Guide, 'Configuration and credential file settings' (~/.aws/"
             "credentials, ~/.aws/config) and 'IAM Identity Center' (~/.aws/sso/cache)"),
    Location(r"\.config/gcloud(?:/|$)", "gcloud",
             "Google Cloud SDK: configuration directory ~/.config/gcloud (credentials.db, "
             "access_tokens.db, application_default_credentials.json per the ADC docs)"),
    Location(r"\.azure(?:/|$)", "Azure CLI",
             "Azure CLI configuration docs: AZURE_CONFIG_DIR defaults to ~/.azure (token cache)"),
    Location(r"\.config/doctl/config\.yaml$", "doctl",
             "doctl auth init docs: the access token is saved in ~/.config/doctl/config.yaml"),
    Location(r"\.s3cfg$", "s3cmd", "s3cmd --configure: access and secret keys in ~/.s3cfg"),
    Location(r"\.boto$", "gsutil / boto",
             "gsutil docs, 'The boto configuration file': ~/.boto holds credentials"),
    Location(r"\.config/rclone/rclone\.conf$", "rclone",
             "rclone docs, 'Configuration file': remotes' tokens and passwords"),
    Location(r"\.aspera/ascli(?:/|$)", "IBM Aspera CLI (ascli)",
             "ascli manual, 'Configuration file': ~/.aspera/ascli/config.yaml holds the "
             "presets with each server's username, password or private key, and the folder "
             "keeps the tokens it caches"),
    Location(r"\.edgerc$", "Akamai EdgeGrid",
             "Akamai TechDocs, 'Authenticate with EdgeGrid': the API client's credentials "
             "(client_secret, access_token) are kept in ~/.edgerc"),
    Location(r"\.config/hcloud/cli\.toml$", "hcloud",
             "hcloud context create docs: the API token is stored in ~/.config/hcloud/cli.toml"),
    Location(r"\.vultr-cli\.yaml$", "Vultr CLI", "vultr-cli README: api-key in ~/.vultr-cli.yaml"),
    Location(r"\.config/scw/config\.yaml$", "Scaleway CLI",
             "scw init docs: access and secret keys in ~/.config/scw/config.yaml"),
    Location(r"\.oci/config$", "OCI CLI",
             "Oracle Cloud docs, 'SDK and CLI Configuration File': ~/.oci/config names the "
             "API signing key and its fingerprint"),
    Location(r"\.bluemix/config\.json$", "IBM Cloud CLI",
             "IBM Cloud CLI docs: IAM access and refresh tokens kept in ~/.bluemix/config.json"),
    Location(r"\.twilio-cli/config\.json$", "Twilio CLI",
             "Twilio CLI docs, 'General usage': profiles with API keys and secrets are "
             "stored in ~/.twilio-cli/config.json"),
    Location(r"\.config/netlify/config\.json$|\.netlify/config\.json$", "Netlify CLI",
             "Netlify CLI docs, 'Get started': the access token is kept in the global "
             "config.json (~/.config/netlify, formerly ~/.netlify)"),
    Location(r"\.railway/config\.json$", "Railway CLI",
             "Railway CLI docs: railway login stores the token in ~/.railway/config.json"),
    Location(r"\.supabase/access-token$", "Supabase CLI",
             "supabase login docs: the personal access token is saved to "
             "~/.supabase/access-token"),
    Location(r"\.config/ngrok/ngrok\.yml$|\.ngrok2/ngrok\.yml$|"
             r"Application Support/ngrok/ngrok\.yml$", "ngrok",
             "ngrok docs, 'Agent configuration file': the authtoken is kept in ngrok.yml"),
    Location(r"\.sentryclirc$", "Sentry CLI",
             "sentry-cli docs, 'Configuration and Authentication': the auth token in "
             "~/.sentryclirc"),
    Location(r"\.circleci/cli\.yml$", "CircleCI CLI",
             "circleci setup docs: the API token is written to ~/.circleci/cli.yml"),
    Location(r"\.travis/config\.yml$", "Travis CLI",
             "travis login docs: access tokens kept in ~/.travis/config.yml"),
    Location(r"\.gam/(?:oauth2\.txt|oauth2service\.json|client_secrets\.json)$", "GAM",
             "GAM wiki, 'Authorization': OAuth tokens in oauth2.txt, the service account's "
             "key in oauth2service.json, in GAM's config folder (~/.gam)"),
    Location(r"~/\.gam$", "GAM", "as above: the config folder"),
    Location(r"\.databrickscfg$", "Databricks CLI",
             "Databricks docs, 'configuration profiles': tokens in ~/.databrickscfg"),
    Location(r"(?:\.kaggle|\.config/kaggle)/kaggle\.json$", "Kaggle API",
             "Kaggle API README, 'API credentials': ~/.kaggle/kaggle.json; kaggle_api_extended.py: "
             "on Linux, when ~/.kaggle does not exist, $XDG_CONFIG_HOME/kaggle (~/.config/kaggle)"),
    Location(r"\.terraform\.d/credentials\.tfrc\.json$", "Terraform",
             "terraform login docs: the API token goes to ~/.terraform.d/credentials.tfrc.json"),
    Location(r"\.pulumi/credentials\.json$", "Pulumi",
             "pulumi login docs and pkg/workspace/creds.go: access tokens are kept in "
             "~/.pulumi/credentials.json (PULUMI_HOME)"),
    Location(r"creds\.json$", "DNSControl",
             "DNSControl docs, 'creds.json': the DNS providers' and registrars' API keys "
             "and tokens, kept apart from dnsconfig.js and out of source control"),
    Location(r"\.fly/config\.yml$", "flyctl",
             "Fly.io docs, 'Authenticating to Fly.io': a signed-in session is kept in "
             "~/.fly/config.yml"),
    Location(r"\.b2_account_info$", "Backblaze B2 CLI",
             "b2 CLI 'authorize-account': stores an account auth token in ~/.b2_account_info "
             "(B2_ACCOUNT_INFO)"),
    Location(r"\.mc/config\.json$", "MinIO client",
             "MinIO mc docs: mc stores all its configuration, aliases' access and secret keys "
             "included, in ~/.mc/config.json"),
    Location(r"\.config/stripe/config\.toml$", "Stripe CLI",
             "Stripe CLI docs, 'stripe login': the CLI saves the restricted keys it is given "
             "in its config file, ~/.config/stripe/config.toml (XDG_CONFIG_HOME)"),
    Location(r"(?:\.local/share|Library/Application Support|xdg\.data)/com\.vercel\.cli/"
             r"auth\.json$", "Vercel CLI",
             "Vercel docs, 'Global Vercel CLI Configuration': auth.json in com.vercel.cli under "
             "XDG_DATA_HOME (~/.local/share, ~/Library/Application Support, "
             "%APPDATA%/Roaming/xdg.data)"),
    Location(r"(?:\.wrangler|\.config/\.wrangler|Library/Preferences/\.wrangler)/config/"
             r"default\.toml$", "Cloudflare Wrangler",
             "workers-sdk (wrangler) user auth: 'wrangler login' keeps its OAuth tokens in "
             "config/default.toml of the global .wrangler directory (~/.wrangler, or the XDG "
             "config path)"),
    Location(r"\.config/linode-cli$|\.linode-cli$", "Linode CLI",
             "linode-cli README: the token asked for at first use is saved in the config file "
             "~/.config/linode-cli (~/.linode-cli before 5.0)"),
    Location(r"\.vault-token$", "Vault",
             "Vault docs, 'Token helpers': the built-in helper stores the token in ~/.vault-token"),
    Location(r"\.cache/huggingface/(?:token|stored_tokens)$|\.huggingface/token$", "Hugging Face",
             "huggingface_hub docs, environment variables: HF_TOKEN_PATH defaults to "
             "$HF_HOME/token, HF_HOME to ~/.cache/huggingface; huggingface_hub constants: "
             "HF_STORED_TOKENS_PATH, every token 'hf auth login' saved, beside it; "
             "~/.huggingface/token is the legacy path (_OLD_HF_TOKEN_PATH)"),
    # -- data science and machine learning ----------------------------------------------
    Location(r"\.mlflow/credentials$", "MLflow",
             "MLflow docs, mlflow.utils.credentials: ~/.mlflow/credentials holds "
             "mlflow_tracking_username and mlflow_tracking_password (written by mlflow.login)"),
    Location(r"(?:\.config|Library/Application Support)/io\.datasette\.llm/keys\.json$",
             "LLM (simonw/llm)",
             "LLM docs, 'Setup', API key management: keys set with 'llm keys set' live in "
             "keys.json, ~/Library/Application Support/io.datasette.llm/ on macOS, "
             "~/.config/io.datasette.llm/ on Linux"),
    Location(r"\.local/share/jupyter/runtime(?:/|$)|Library/Jupyter/runtime(?:/|$)"
             r"|AppData/Roaming/jupyter/runtime(?:/|$)", "Jupyter",
             "Jupyter docs, 'Common Directories and File Locations': runtime files (connection "
             "files) in (data dir)/runtime; jupyter_server serverapp.py: the server info file "
             "jpserver-PID.json carries the login token and jupyter_cookie_secret the cookie "
             "secret; jupyter_client: a kernel's connection file carries the key that signs "
             "its messages"),
    Location(r"\.Renviron$", "R",
             "R docs, ?Startup: ~/.Renviron sets environment variables at start-up; httr and "
             "usethis docs ('Managing secrets', usethis::edit_r_environ) keep API tokens such as "
             "GITHUB_PAT there"),
    Location(r"\.globus/cli/storage\.db$|\.globus-native-apps\.cfg$|\.globus\.cfg$", "Globus CLI",
             "Globus CLI docs, 'globus login': tokens are stored in ~/.globus/cli/storage.db "
             "(~/.globus.cfg and ~/.globus-native-apps.cfg in older versions)"),
    Location(r"\.claude/\.credentials\.json$", "Claude Code",
             "Claude Code docs, 'Authentication', credential storage: ~/.claude/.credentials.json "
             "on Linux and Windows (under CLAUDE_CONFIG_DIR when set); the Keychain on macOS"),
    Location(r"\.codex/auth\.json$", "Codex CLI",
             "OpenAI Codex docs, 'Authentication': the login is cached in auth.json under "
             "CODEX_HOME (~/.codex) unless the OS keyring is chosen"),
    Location(r"\.streamlit/secrets\.toml$", "Streamlit",
             "Streamlit docs, 'secrets.toml': .streamlit/secrets.toml in the working directory "
             "and the global ~/.streamlit/secrets.toml"),
    Location(r"\.dbt/profiles\.yml$", "dbt",
             "dbt docs, 'About profiles.yml': the warehouse connection and its credentials, by "
             "default in ~/.dbt/profiles.yml"),
    Location(r"\.snowsql/config$", "SnowSQL",
             "Snowflake docs, 'Configuring SnowSQL': connection parameters, password included, "
             "in ~/.snowsql/config"),
    Location(r"\.snowflake/(?:config|connections)\.toml$", "Snowflake CLI",
             "Snowflake docs, 'Configuring Snowflake CLI and connecting to Snowflake': "
             "connections (password, token) in ~/.snowflake/config.toml or connections.toml"),
    # -- containers and clusters ---------------------------------------------------------
    Location(r"\.docker/config\.json$", "Docker",
             "docker login reference: credentials are stored in $HOME/.docker/config.json "
             "unless a credential helper is configured"),
    Location(r"~/\.docker$", "Docker", "as above: the directory that holds config.json"),
    Location(r"\.config/containers/auth\.json$", "Podman / Skopeo / Buildah",
             "containers-auth.json(5): ${XDG_CONFIG_HOME}/containers/auth.json"),
    Location(r"\.kube/config$", "kubectl",
             "Kubernetes docs, 'Organizing Cluster Access Using kubeconfig Files': kubectl "
             "reads $HOME/.kube/config"),
    Location(r"~/\.kube$", "kubectl", "as above: the directory that holds config"),
    Location(r"\.config/helm/registry/config\.json$", "Helm",
             "helm registry login docs: registry credentials in ~/.config/helm/registry/"),
    # -- package registries --------------------------------------------------------------
    Location(r"\.npmrc$", "npm", "npm docs, 'npmrc': the per-user ~/.npmrc holds _authToken"),
    Location(r"\.yarnrc(?:\.yml)?$", "Yarn", "Yarn docs, '.yarnrc.yml': npmAuthToken"),
    Location(r"\.pypirc$", "PyPI (twine)",
             "Python Packaging User Guide, 'The .pypirc file': repository passwords/tokens"),
    Location(r"\.config/pypoetry/auth\.toml$", "Poetry",
             "Poetry docs, 'Repositories': credentials in auth.toml when no keyring is used"),
    Location(r"\.cargo/credentials(?:\.toml)?$", "Cargo",
             "The Cargo Book, 'Configuration', credentials: $CARGO_HOME/credentials.toml"),
    Location(r"\.gem/credentials$", "RubyGems",
             "RubyGems guides, 'gem signin': the API key is saved in ~/.gem/credentials"),
    Location(r"(?:\.composer|\.config/composer)/auth\.json$", "Composer",
             "Composer docs, 'Authentication for privately hosted packages': "
             "COMPOSER_HOME/auth.json"),
    Location(r"\.m2/settings(?:-security)?\.xml$", "Maven",
             "Maven guide, 'Password Encryption': server passwords in ~/.m2/settings.xml, the "
             "master password in ~/.m2/settings-security.xml"),
    Location(r"\.gradle/gradle\.properties$", "Gradle",
             "Gradle docs, 'Build Environment': credentials belong in "
             "GRADLE_USER_HOME/gradle.properties"),
    # -- network logins and databases ----------------------------------------------------
    Location(r"[._]netrc$", "netrc (curl, ftp, git, Heroku CLI, W&B)",
             "curl(1) --netrc: ~/.netrc (_netrc on Windows); ftp(1); Heroku Dev Center, "
             "'CLI Authentication': the API token is kept in ~/.netrc; W&B docs, 'wandb login': "
             "the API key is saved in ~/.netrc"),
    Location(r"\.pgpass$|AppData/Roaming/postgresql/pgpass\.conf$", "PostgreSQL",
             "PostgreSQL docs, 'The Password File': ~/.pgpass, %APPDATA%/postgresql/pgpass.conf"),
    Location(r"\.my\.cnf$|\.mylogin\.cnf$", "MySQL",
             "MySQL manual, 'Using Option Files' (password= in ~/.my.cnf) and "
             "'mysql_config_editor' (~/.mylogin.cnf)"),
    # -- keys, keyrings, password stores -------------------------------------------------
    Location(r"\.ssh(?:/|$)", "OpenSSH",
             "ssh(1) FILES: ~/.ssh/id_* private keys and ~/.ssh/config, 'readable by the "
             "user but not accessible by others'"),
    Location(r"id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:\.pub)?$", "OpenSSH",
             "ssh-keygen(1) FILES: the default key file names, wherever they are copied"),
    Location(r"\.gnupg(?:/|$)", "GnuPG",
             "gpg(1) FILES: GNUPGHOME (~/.gnupg) holds private-keys-v1.d"),
    Location(r"\.password-store(?:/|$)", "pass",
             "pass(1): PASSWORD_STORE_DIR defaults to ~/.password-store"),
    Location(r"\.local/share/keyrings(?:/|$)", "GNOME Keyring",
             "GNOME Keyring docs: keyring files in ~/.local/share/keyrings"),
    Location(r"\.local/share/kwalletd(?:/|$)", "KWallet",
             "KDE Wallet Manager docs: wallets in ~/.local/share/kwalletd"),
    Location(r"Library/Keychains(?:/|$)", "macOS Keychain",
             "security(1) / Apple 'Keychain Services': keychains in ~/Library/Keychains"),
    Location(r"[^/]*\.(?:pem|key)$", "PEM / key files",
             "RFC 7468 (textual encoding of private keys); .key is the usual private-key suffix"),
    Location(r"[^/]*\.(?:p12|pfx)$", "PKCS #12",
             "RFC 7292 / openssl-pkcs12(1): a private key bundled with its certificate"),
    Location(r"[^/]*\.(?:jks|keystore|bks)$", "Java / Android keystores",
             "keytool docs (the JKS keystore holds private keys; -keystore names it); Android "
             "'Sign your app': the upload key lives in a .jks keystore to keep secure"),
    Location(r"AuthKey_\w+\.p8$|~/(?:\.appstoreconnect/)?\.?private_keys(?:/|$)",
             "App Store Connect API keys",
             "Apple 'Creating API Keys for App Store Connect API' (the AuthKey_ID.p8 private "
             "key, downloadable once); xcrun altool --apiKey searches ./private_keys, "
             "~/private_keys, ~/.private_keys and ~/.appstoreconnect/private_keys"),
    Location(r"~/\.fastlane/spaceship(?:/|$)", "fastlane",
             "fastlane docs, 'spaceship' / fastlane session: the Apple ID session cookie is kept "
             "in ~/.fastlane/spaceship/<apple id>/cookie"),
    Location(r"[^/]*[sS]ervice[-_]?[aA]ccount[^/]*\.json$", "Google Cloud service account keys",
             "Google Cloud docs, 'Create and delete service account keys' (a JSON key file, "
             "GOOGLE_APPLICATION_CREDENTIALS); Firebase Admin SDK setup (serviceAccountKey.json)"),
    Location(r"~/\.config/configstore(?:/|$)", "configstore (Firebase CLI and other npm CLIs)",
             "configstore README: each CLI's settings in ~/.config/configstore/<id>.json; "
             "firebase-tools keeps its login's refresh token there (firebase-tools.json)"),
    Location(r"\.godot/export_credentials\.cfg$", "Godot",
             "Godot docs, 'Exporting projects': passwords and keys of export presets are kept "
             "in .godot/export_credentials.cfg, apart from export_presets.cfg"),
    Location(r"app-config\.local\.ya?ml$", "Backstage",
             "Backstage docs, 'Static Configuration in Backstage': app-config.local.yaml "
             "holds local overrides and secrets (integration tokens, auth client secrets) "
             "and is ignored by git"),
    Location(r"key\.properties$", "Flutter (Android signing)",
             "Flutter docs, 'Build and release an Android app': android/key.properties holds "
             "the keystore passwords; keep it private and out of source control"),
    # -- browser profiles (saved passwords, cookies) -------------------------------------
    Location(r"\.mozilla/firefox(?:/|$)|Library/Application Support/Firefox(?:/|$)", "Firefox",
             "Mozilla Support, 'Profiles - Where Firefox stores your bookmarks, passwords and "
             "other user data' (logins.json, key4.db, cookies.sqlite)"),
    Location(r"\.config/(?:google-chrome(?:-beta|-unstable)?|chromium|BraveSoftware"
             r"|microsoft-edge)(?:/|$)"
             r"|Library/Application Support/(?:Google/Chrome|Chromium|BraveSoftware"
             r"|Microsoft Edge)(?:/|$)|AppData/Local/(?:Google/Chrome|Chromium"
             r"|Microsoft/Edge)/User Data(?:/|$)", "Chrome / Chromium",
             "Chromium docs, 'User Data Directory' (docs/user_data_dir.md): the default "
             "profile locations on Linux, macOS and Windows"),
    # -- system files --------------------------------------------------------------------
    Location(r"^(?:/private)?/etc/(?:shadow|gshadow|master\.passwd)", "shadow passwords",
             "shadow(5), gshadow(5); master.passwd(5) on BSD and macOS"),
    Location(r"^(?:/private)?/etc/sudoers", "sudo", "sudoers(5): /etc/sudoers, /etc/sudoers.d"),
    Location(r"^/etc/ssl/private(?:/|$)", "OpenSSL (Debian)",
             "Debian ssl-cert: private keys under /etc/ssl/private, readable by root only"),
    Location(r"^/etc/krb5\.keytab$", "Kerberos", "MIT krb5 docs, 'keytab': /etc/krb5.keytab"),
    # -- conventions for files of secrets ------------------------------------------------
    Location(r"\.env(?:\.(?!example$|sample$|template$|dist$)[\w.-]+)?$", "dotenv",
             "dotenv docs (motdotla/dotenv, python-dotenv): .env holds secrets and is not "
             "committed; .env.example is the committed template"),
    Location(r"credentials(?:\.json)?$", "credentials files",
             "Google API quickstarts (OAuth client credentials.json); AWS shared "
             "credentials file format"),
    Location(r"secrets?\.(?:ya?ml|json|toml)$", "secrets files",
             "Rails guides, 'Custom Credentials' (secrets.yml); Kubernetes Secret manifests"),
    Location(r"\.?secrets/", "secrets folders",
             "Docker docs, 'Manage secrets securely in Docker Compose': secrets are mounted "
             "as files in /run/secrets/<secret_name>; Kubernetes docs, 'Configure Service "
             "Accounts for Pods': the token under /var/run/secrets/kubernetes.io; and a "
             "project's own folder so named, a name like credentials.json and secrets.yml"),
    # -- shell and REPL histories --------------------------------------------------------
    Location(r"\.bash_history$", "bash", "bash(1) HISTFILE: default ~/.bash_history", _H),
    Location(r"\.zsh_history$|\.zhistory$|\.histfile$", "zsh",
             "zshparam(1) HISTFILE (set by the distributions' zshrc to ~/.zsh_history; "
             "zsh-newuser-install writes ~/.histfile)", _H),
    Location(r"\.sh_history$", "ksh", "ksh(1) HISTFILE: default ~/.sh_history", _H),
    Location(r"\.local/share/fish/fish_history$", "fish",
             "fish docs, 'history': $XDG_DATA_HOME/fish/fish_history", _H),
    Location(r"PSReadLine/ConsoleHost_history\.txt$", "PowerShell",
             "about_PSReadLine: HistorySavePath (…/PSReadLine/ConsoleHost_history.txt)", _H),
    Location(r"\.python_history$", "Python REPL",
             "Python docs, site module, 'Readline configuration': ~/.python_history", _H),
    Location(r"\.node_repl_history$", "Node.js REPL",
             "Node.js docs, REPL, 'Persistent history': ~/.node_repl_history", _H),
    Location(r"\.irb_history$", "irb", "IRB docs, history: ~/.irb_history", _H),
    Location(r"\.psql_history$", "psql", "psql docs, HISTFILE: default ~/.psql_history", _H),
    Location(r"\.mysql_history$", "mysql",
             "MySQL manual, 'mysql Client Logging': ~/.mysql_history", _H),
    Location(r"\.sqlite_history$", "sqlite3",
             "sqlite3 shell: SQLITE_HISTORY, default ~/.sqlite_history", _H),
    Location(r"\.rediscli_history$", "redis-cli",
             "redis-cli docs: REDISCLI_HISTFILE, default ~/.rediscli_history", _H),
    Location(r"\$\{?HISTFILE\}?$", "bash", "bash(1): HISTFILE names the history file", _H),
)



def _compile(kind: Kind) -> re.Pattern[str]:
    # One search per path, each group of rows behind its one anchor, so that their many
    # alternatives are tried only where a path component starts (5x faster than a plain
    # alternation of the anchored rows).
    rows = [loc.pattern for loc in LOCATIONS if loc.kind == kind]
    groups = []
    if anywhere := [p for p in rows if not p.startswith(("^", "~/"))]:
        groups.append("(?:^|/)(?:{})".format("|".join(anywhere)))
    if system := [p[1:] for p in rows if p.startswith("^")]:
        groups.append("^(?:{})".format("|".join(system)))
    if home := [p[2:] for p in rows if p.startswith("~/")]:
        groups.append(_HOME + "(?:{})".format("|".join(home)))
    return re.compile("|".join(groups))


_BY_KIND: dict[str, re.Pattern[str]] = {kind: _compile(kind) for kind in ("credential", "history")}


# Files in a credential location that are public by their tool's documentation.
NOT_SECRET = re.compile(r"(?:\.pub|/known_hosts(?:\.old)?|/known_hosts2)$")


def credential_kind(path: str) -> Kind | None:
    """``"credential"`` or ``"history"`` when the resolved ``path`` is a secret store.

    >>> [credential_kind(p) for p in ("/etc/shadow", "~/.psql_history", ".env.example")]
    ['credential', 'history', None]
    """
    if _BY_KIND["credential"].search(path):
        return None if NOT_SECRET.search(path) else "credential"
    if _BY_KIND["history"].search(path):
        return "history"
    return None


# -- folders that hold credential stores --------------------------------------------------
#
# A folder holds credentials when a row's documented place lies inside it. Each row's
# pattern is spelled out into the literal paths it names (small alternations and optional
# groups expanded) up to its first wildcard, and the folder part of each is kept with all
# the folders above it: ~/.aws for \.aws(?:/|$), ~/.config/gh and ~/.config for
# \.config/gh/hosts\.yml$, /etc/ssl/private, /etc/ssl and /etc for ^/etc/ssl/private(?:/|$).
# A row that may sit under any directory is placed where its tool's documentation puts it,
# under a home, so that .env or id_rsa make the home a holder but not every project folder.

_LITERAL = re.compile(r"\\(.)|([^\\()\[\]|?*+{}.^$])")


def _spell(pattern: str, i: int = 0) -> tuple[list[tuple[str, bool]], int]:
    """The literal paths an alternation starting at ``pattern[i]`` names, each with whether
    it stopped at a wildcard, and the index after the alternation."""
    branches: list[tuple[str, bool]] = []
    seq: list[tuple[str, bool]] = [("", False)]
    while i < len(pattern) and pattern[i] != ")":
        c = pattern[i]
        if c == "|":
            branches += seq
            seq, i = [("", False)], i + 1
            continue
        if c == "$" or c == "^":
            i += 1
            continue
        if pattern.startswith("(?:", i):
            inner, i = _spell(pattern, i + 3)
            i += 1  # the closing parenthesis
            if i < len(pattern) and pattern[i] == "?":
                inner, i = [*inner, ("", False)], i + 1
            elif i < len(pattern) and pattern[i] in "*+{":
                inner = [(text, True) for text, _ in inner]
            seq = [(a + b, stop) if not done else (a, done)
                   for a, done in seq for b, stop in inner]
            seq = list(dict.fromkeys(seq))
            continue
        if c == "[" and (close := pattern.find("]", i)) > i + 1 and pattern[i + 1] != "^":
            chars, i = pattern[i + 1:close], close + 1
            options = [(ch, False) for ch in chars if ch != "\\"]
            if i < len(pattern) and pattern[i] in "*+{":
                options = [("", True)]
            seq = [(a + b, stop) if not done else (a, done)
                   for a, done in seq for b, stop in options]
            continue
        literal = _LITERAL.match(pattern, i)
        if literal is None or (literal.group(1) or "").isalnum():
            # a wildcard (., [^/], \w, a lookahead): every spelling stops here
            seq = [(a, True) for a, _ in seq]
            i = _skip(pattern, i)
            continue
        ch, i = literal.group(1) or literal.group(2), literal.end()
        if i < len(pattern) and pattern[i] == "?":
            seq = [*[(a + ch, False) for a, done in seq if not done], *seq]
            i += 1
        elif i < len(pattern) and pattern[i] in "*+{":
            seq = [(a, True) for a, _ in seq]
            i = _skip(pattern, i)
        else:
            seq = [(a + ch, False) if not done else (a, done) for a, done in seq]
    return branches + seq, i


def _skip(pattern: str, i: int) -> int:
    # past one wildcard construct and its quantifier, so that spelling can go on to the
    # next alternative at this level
    depth = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            if depth == 0:
                return i
            depth -= 1
        elif c == "|" and depth == 0:
            return i
        i += 1
    return i


def _folders(path: str) -> set[str]:
    """``path``'s folder and every folder above it (``""`` for the top)."""
    parts = path.split("/")[:-1]  # the last part is a file, or empty after a trailing /
    return {"/".join(parts[:n]) for n in range(len(parts) + 1)}


def _holders() -> tuple[frozenset[str], frozenset[str]]:
    in_home: set[str] = set()
    system: set[str] = set()
    for loc in LOCATIONS:
        if loc.kind != "credential":
            continue
        pattern = loc.pattern
        if pattern.startswith("^"):
            for text, _ in _spell(pattern[1:])[0]:
                system |= {f or "/" for f in _folders(text)}
        else:
            body = pattern[2:] if pattern.startswith("~/") else pattern
            for text, _ in _spell(body)[0]:
                in_home |= _folders(text)
    return frozenset(in_home), frozenset(system)


_IN_HOME, _SYSTEM = _holders()
# The folders that hold homes hold what the homes hold.
_ABOVE_HOMES = frozenset({"/", "/home", "/Users"})
# a home as resolve_path leaves it: ~, /home/NAME, /Users/NAME, /root, or $HOME kept as text
_HOME_PREFIX = re.compile(r"(?:.*/)?\$\{?HOME\}?(?=/|$)|~(?=/|$)|/home/[^/]+|/Users/[^/]+"
                          r"|/root(?=/|$)")


def holds_credentials(path: str) -> bool:
    """Whether the resolved folder ``path`` holds credential stores, so that reading it
    recursively (``grep -r``, ``rg``, the Grep tool) reads them too: a documented credential
    location of :data:`LOCATIONS` lies in it, or it lies in one.

    >>> [holds_credentials(p) for p in ("/etc", "~", "/home/u", "~/.config", "/home/u/p",
    ...                                 "/etc/nginx")]
    [True, True, True, True, False, False]
    >>> [holds_credentials(p) for p in ("~/.kaggle", "/home/u/.cache", "~/.aws/sso",
    ...                                 "~/projects", "/srv/app/.aws")]
    [True, True, True, False, True]
    """
    if len(path) > 1:
        path = path.rstrip("/")
    if path in _ABOVE_HOMES or path in _SYSTEM:
        return True
    home = _HOME_PREFIX.match(path)
    if home and path[home.end():].lstrip("/") in _IN_HOME:
        return True
    return credential_kind(path) == "credential"


def locate(path: str) -> Location | None:
    """The first row of :data:`LOCATIONS` that ``path`` matches (for messages and tests).

    >>> locate("/home/u/.cargo/credentials.toml").source.split(",")[0]
    'The Cargo Book'
    """
    return next((loc for loc in LOCATIONS if loc.matches(path)), None)
