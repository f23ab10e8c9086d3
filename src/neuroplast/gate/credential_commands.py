"""Commands whose documented job is to print a stored credential, one row per command.

Reading ``~/.config/gh/hosts.yml`` and running ``gh auth token`` put the same token in
front of the agent: such a command is a credential read (``credentials.py`` lists where
tools keep the secrets; this lists the commands that hand them out). Each row is the
program, the words of its command (in order, options between them allowed), the option
that makes it print the secret when the command alone does not, and the documentation
that says what it prints.

>>> from neuroplast.gate.shell import split_command
>>> [prints_credential(s) for s in split_command(
...     "gh auth token; gh auth status; kubectl config view --raw; kubectl config view; "
...     "gcloud --project p auth print-access-token; pass show web/github; "
...     "./gradlew -q :app:properties; gradle tasks")]
['GitHub CLI', '', 'kubectl', '', 'gcloud', 'pass', 'Gradle', '']
"""

from __future__ import annotations

from dataclasses import dataclass

from neuroplast.gate.shell import Segment

__all__ = ["CREDENTIAL_COMMANDS", "CredentialCommand", "prints_credential"]


@dataclass(frozen=True)
class CredentialCommand:
    """A command that prints a credential: ``program words... [option]``, and its source."""

    program: str
    words: tuple[str, ...]
    tool: str
    source: str
    options: tuple[str, ...] = ()  # one of them is needed for the secret to be printed


_C = CredentialCommand
_GRADLES = ("gradle", "gradlew")
_TERRAFORMS = (("terraform", "Terraform"), ("tofu", "OpenTofu"), ("terragrunt", "Terragrunt"))
CREDENTIAL_COMMANDS: tuple[CredentialCommand, ...] = (
    _C("gh", ("auth", "token"), "GitHub CLI", "gh auth token: 'Print the authentication "
       "token gh uses for a hostname and account'"),
    _C("gh", ("auth", "status"), "GitHub CLI", "gh auth status: '-t, --show-token Display "
       "the auth token'", ("-t", "--show-token")),
    _C("glab", ("auth", "status"), "GitLab CLI", "glab auth status: '-t, --show-token'",
       ("-t", "--show-token")),
    _C("gcloud", ("auth", "print-access-token"), "gcloud", "gcloud auth print-access-token: "
       "'Print an access token for the specified account'"),
    _C("gcloud", ("auth", "print-identity-token"), "gcloud", "gcloud auth "
       "print-identity-token: 'Print an identity token for the specified account'"),
    _C("gcloud", ("auth", "application-default", "print-access-token"), "gcloud",
       "gcloud auth application-default print-access-token"),
    _C("gcloud", ("secrets", "versions", "access"), "gcloud", "gcloud secrets versions "
       "access: 'Access a secret version's data'"),
    _C("aws", ("ecr", "get-login-password"), "AWS CLI", "aws ecr get-login-password: "
       "'Retrieves an authentication token'"),
    _C("aws", ("ecr-public", "get-login-password"), "AWS CLI",
       "aws ecr-public get-login-password"),
    _C("aws", ("sts", "get-session-token"), "AWS CLI", "aws sts get-session-token: 'Returns "
       "a set of temporary credentials'"),
    _C("aws", ("configure", "export-credentials"), "AWS CLI", "aws configure "
       "export-credentials: prints the resolved credentials"),
    _C("aws", ("secretsmanager", "get-secret-value"), "AWS CLI", "aws secretsmanager "
       "get-secret-value: 'Retrieves the contents of the encrypted fields'"),
    _C("aws", ("ssm", "get-parameter"), "AWS CLI", "aws ssm get-parameter: "
       "'--with-decryption Return decrypted values for secure string parameters'",
       ("--with-decryption",)),
    _C("az", ("account", "get-access-token"), "Azure CLI", "az account get-access-token: "
       "'Get a token for utilities to access Azure'"),
    _C("az", ("keyvault", "secret", "show"), "Azure CLI", "az keyvault secret show: 'Get a "
       "specified secret from a given key vault'"),
    _C("az", ("keyvault", "secret", "download"), "Azure CLI", "az keyvault secret download"),
    _C("az", ("storage", "account", "keys", "list"), "Azure CLI", "az storage account keys "
       "list: 'List the access keys or Kerberos keys (if active directory enabled) for a "
       "storage account'"),
    _C("az", ("storage", "account", "show-connection-string"), "Azure CLI", "az storage "
       "account show-connection-string: 'Get the connection string for a storage account' "
       "(it holds the account key)"),
    _C("az", ("cosmosdb", "keys", "list"), "Azure CLI", "az cosmosdb keys list: 'List the "
       "access keys or connection strings for an Azure Cosmos DB database account'"),
    _C("az", ("redis", "list-keys"), "Azure CLI", "az redis list-keys: 'Retrieve a Redis "
       "cache's access keys'"),
    _C("az", ("acr", "credential", "show"), "Azure CLI", "az acr credential show: 'Get the "
       "login credentials for an Azure Container Registry'"),
    _C("kubectl", ("config", "view"), "kubectl", "kubectl config view: '--raw=false: Display "
       "raw byte data and sensitive data'", ("--raw",)),
    _C("kubectl", ("create", "token"), "kubectl", "kubectl create token: 'Request a service "
       "account token'"),
    _C("heroku", ("auth:token",), "Heroku CLI", "heroku auth:token: 'outputs current CLI "
       "authentication token'"),
    *(_C("heroku", (words,), "Heroku CLI", "heroku config and config:get: 'display the "
         "config vars for an app'; Heroku Dev Center 'Configuration and Config Vars': config "
         "vars hold 'credentials for external resources, such as databases'")
      for words in ("config", "config:get")),
    _C("netlify", ("env:get",), "Netlify CLI", "netlify env:get: 'Get resolved value of "
       "specified environment variable'"),
    _C("railway", ("variables",), "Railway CLI", "railway variables: 'Show variables for "
       "active environment', their values included"),
    _C("pulumi", ("config", "get"), "Pulumi", "pulumi config get: 'Get a single "
       "configuration value'; a secret is printed decrypted"),
    _C("pulumi", ("stack", "output"), "Pulumi", "pulumi stack output: '--show-secrets "
       "Display outputs which are marked as secret in plaintext'", ("--show-secrets",)),
    _C("elasticsearch-keystore", ("show",), "Elasticsearch", "elasticsearch-keystore show: "
       "'Displays the value of a single setting in the keystore'"),
    _C("infisical", ("secrets",), "Infisical CLI", "infisical secrets: 'used to read, "
       "write, and delete secrets' and 'get' prints a secret's value"),
    *(_C("chamber", (verb,), "chamber (Segment)", "chamber read: prints a secret's value; "
         "chamber export: 'Exports parameters in the specified format'")
      for verb in ("read", "export")),
    _C("git", ("credential", "fill"), "git", "git-credential(1): fill prints the "
       "credential, password included"),
    _C("vault", ("print", "token"), "Vault", "vault print token: 'prints the token'"),
    _C("vault", ("kv", "get"), "Vault", "vault kv get: 'retrieves the value from Vault's "
       "key-value store'"),
    _C("vault", ("read",), "Vault", "vault read: 'reads data from Vault at the given path'"),
    _C("op", ("read",), "1Password CLI", "op read: 'Read a secret reference'"),
    _C("op", ("item", "get"), "1Password CLI", "op item get --reveal: item fields"),
    _C("pass", ("show",), "pass", "pass(1): 'show pass-name: Decrypt and print a password'"),
    _C("pass", (), "pass", "pass(1): with no command pass shows the password; '--clip, "
       "-c' puts it on the clipboard", ("-c", "--clip")),
    _C("pass", ("otp",), "pass", "pass-otp(1): 'otp [code] pass-name: Generate an OTP code', "
       "'otp uri pass-name: Display the key URI stored' (the OTP secret itself)"),
    _C("pass", ("generate",), "pass", "pass(1): 'generate ... Generate a new password ... "
       "print it' (or put it on the clipboard with --clip)"),
    _C("passage", ("show",), "passage", "passage(1), pass for age: 'show pass-name'"),
    _C("passage", (), "passage", "passage(1): with no command it shows the password",
       ("-c", "--clip")),
    _C("passage", ("generate",), "passage", "passage(1): 'generate ... print it'"),
    _C("rbw", ("get",), "rbw", "rbw get: 'Display the password for a given entry'"),
    _C("rbw", ("code",), "rbw", "rbw code: 'Display the authenticator code for a given "
       "entry'"),
    _C("secrethub", ("read",), "SecretHub CLI", "secrethub read: 'Read a secret'"),
    _C("keepassxc-cli", ("show",), "KeePassXC", "keepassxc-cli(1) show: '-s, "
       "--show-protected: Show the protected attributes in clear text', '-t, --totp'",
       ("-s", "--show-protected", "-t", "--totp")),
    _C("keepassxc-cli", ("clip",), "KeePassXC", "keepassxc-cli(1) clip: 'Copy an entry's "
       "attribute to the clipboard'"),
    _C("gopass", ("otp",), "gopass", "gopass otp: 'Generate time- or hmac-based tokens'"),
    _C("gpg", (), "GnuPG", "gpg(1): '--export-secret-keys: Same as --export, but exports "
       "the secret keys instead'", ("--export-secret-keys", "--export-secret-subkeys")),
    _C("gpg2", (), "GnuPG", "gpg(1): '--export-secret-keys'", ("--export-secret-keys",
                                                              "--export-secret-subkeys")),
    # OpenTofu's output and show, and terragrunt's, which hands them to Terraform, alike
    *(_C(tool, ("output",), label, "terraform output docs: 'When using the -json "
         "or -raw command-line flag, any sensitive values in Terraform state will be "
         "displayed in plain text'", ("-json", "-raw")) for tool, label in _TERRAFORMS),
    *(_C(tool, ("show",), label, "terraform show docs: with -json, sensitive "
         "values in the state are displayed in plain text", ("-json",))
      for tool, label in _TERRAFORMS),
    _C("sops", (), "SOPS", "sops README: '-d, --decrypt' decrypts a file and prints it",
       ("-d", "--decrypt")),
    _C("sops", ("decrypt",), "SOPS", "sops 3.9+: 'sops decrypt FILE' prints the plaintext"),
    _C("ansible-vault", ("view",), "Ansible Vault", "ansible-vault(1): 'view: open, decrypt "
       "and view an existing vaulted file'"),
    _C("kubectl", ("get", "secret"), "kubectl", "Kubernetes docs, 'Good practices for "
       "Kubernetes Secrets': a Secret's data is only base64-encoded; -o yaml/json prints "
       "it", ("-o", "--output")),
    _C("kubectl", ("get", "secrets"), "kubectl", "as above", ("-o", "--output")),
    _C("gopass", ("show",), "gopass", "gopass show: 'Display the content of a secret'"),
    _C("bw", ("get",), "Bitwarden CLI", "bw get: 'Get an object from the vault'"),
    _C("lpass", ("show",), "LastPass CLI", "lpass show: 'Display a password or selected "
       "field'"),
    _C("security", ("find-generic-password",), "macOS Keychain", "security(1): "
       "'-w Display only the password'; '-g Display the password'", ("-w", "-g")),
    _C("security", ("find-internet-password",), "macOS Keychain", "security(1): "
       "find-internet-password -w / -g", ("-w", "-g")),
    _C("secret-tool", ("lookup",), "libsecret", "secret-tool(1): 'lookup: Lookup a secret "
       "and print it to standard output'"),
    _C("aws", ("configure", "get", "aws_secret_access_key"), "AWS CLI", "aws configure get: "
       "'Get a configuration value from the config file' (the secret key of the default profile)"),
    _C("aws", ("configure", "get", "aws_session_token"), "AWS CLI", "aws configure get: "
       "the session token of the default profile"),
    _C("jupyter", ("server", "list"), "Jupyter", "jupyter server list: 'List currently running "
       "Jupyter servers'; JupyterServerListApp prints each server's URL with '?token='"),
    _C("jupyter-server", ("list",), "Jupyter", "as jupyter server list"),
    _C("jupyter", ("notebook", "list"), "Jupyter", "jupyter notebook list: 'List currently "
       "running notebook servers', each URL with its ?token="),
    _C("jupyter-notebook", ("list",), "Jupyter", "as jupyter notebook list"),
    _C("docker", ("swarm", "join-token"), "Docker swarm", "docker swarm join-token "
       "(worker|manager): prints the join command with its token; '-q, --quiet Only display "
       "token'"),
    _C("docker", ("swarm", "unlock-key"), "Docker swarm", "docker swarm unlock-key: 'Manage "
       "the unlock key'; prints the key that decrypts the swarm's Raft logs ('-q Only display "
       "token')"),
    _C("llm", ("keys", "get"), "LLM (simonw/llm)", "llm keys get: 'Return the value of a "
       "stored key' (export OPENAI_API_KEY=$(llm keys get openai))"),
    _C("hf", ("auth", "token"), "Hugging Face", "hf auth token: 'Print the current access "
       "token to stdout'"),
    _C("databricks", ("auth", "token"), "Databricks CLI", "databricks auth token: prints the "
       "OAuth access token the CLI has cached (access_token in its JSON)"),
    _C("databricks", ("secrets", "get-secret"), "Databricks CLI", "databricks secrets "
       "get-secret: 'Gets the bytes representation of a secret value for the specified scope "
       "and key'"),
    _C("doppler", ("secrets",), "Doppler CLI", "Doppler CLI docs: 'doppler secrets' lists "
       "the config's secrets with their values, 'doppler secrets get NAME' prints one, "
       "'download' saves them all"),
    _C("wrangler", ("auth", "token"), "Cloudflare Wrangler", "wrangler auth token: "
       "'retrieves your current authentication token or credentials for use with other "
       "tools and scripts'"),
    *(_C(fly, ("auth", "token"), "flyctl", "fly auth token: 'Shows the authentication token "
         "that is currently in use'") for fly in ("fly", "flyctl")),
    _C("npm", ("token", "create"), "npm", "npm-token docs: 'npm token create: Create a new "
       "authentication token. ... The token will be displayed'"),
    *(_C(gradle, ("properties",), "Gradle", "Gradle's built-in properties task: 'Displays "
         "the properties of root project', those read from gradle.properties in the project "
         "and in GRADLE_USER_HOME among them, where Gradle's 'Handling credentials' guide "
         "keeps credentials") for gradle in _GRADLES),
    *(_C(f"docker-credential-{helper}", ("get",), "Docker credential helpers",
         "docker-credential-helpers README: 'get' prints the stored username and secret")
      for helper in ("desktop", "osxkeychain", "secretservice", "pass", "wincred",
                     "ecr-login", "gcloud")),
)
_BY_PROGRAM: dict[str, tuple[CredentialCommand, ...]] = {}
for _row in CREDENTIAL_COMMANDS:
    _BY_PROGRAM[_row.program] = (*_BY_PROGRAM.get(_row.program, ()), _row)


def _has_run(words: list[str], run: tuple[str, ...]) -> bool:
    return any(tuple(words[i:i + len(run)]) == run for i in range(len(words) - len(run) + 1))


def prints_credential(seg: Segment) -> str:
    """The tool whose credential ``seg`` prints, or ""."""
    rows = _BY_PROGRAM.get(seg.head)
    if not rows:
        return ""
    options = {a.partition("=")[0] for a in seg.argv[1:] if a.startswith("-")}
    words = [a for a in seg.argv[1:] if not a.startswith("-")][:6]
    if seg.head in _GRADLES:  # Gradle names a task by its path too (``:app:properties``)
        words = [w.rpartition(":")[2] for w in words]
    for row in rows:
        if _has_run(words, row.words) and (not row.options or options & set(row.options)):
            return row.tool
    return ""
