"""Passwords and tokens given on a command line, as the programs' manuals define them."""

from __future__ import annotations

import pytest

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.secret_args import secret_in_arguments
from neuroplast.gate.shell import split_command


def _any(command: str) -> bool:
    return any(secret_in_arguments(seg) for seg in split_command(command))


@pytest.mark.parametrize(
    "command",
    [
        "wget --password=x https://example.com/f",  # wget manual
        "wget --user=bob --http-password hunter2 https://example.com/f",
        "wget --ftp-password=hunter2 ftp://example.com/f",
        "curl -u admin:pa55word https://api.example.com",  # curl(1) -u user:password
        "curl --user=admin:pa55word https://api.example.com",
        "curl -uadmin:pa55word https://api.example.com",
        "curl -U proxyuser:pr0xypw -x proxy:3128 https://x.io",
        "curl --oauth2-bearer 0123456789abcdef https://x.io",
        "http -a bob:hunter2 https://api.example.com",  # HTTPie --auth
        "mysql -u root -pS3cret shop",  # MySQL manual: -pPASSWORD
        "7za a backup.7z -pS3cretPw9 -mhe=on data/",  # 7-Zip: -p{Password}
        "mysqldump --password=S3cret shop > shop.sql",
        "sshpass -p hunter2 ssh deploy@host",  # sshpass(1)
        "docker login -u bob -p hunter2 registry.example.com",  # docker login reference
        "docker login --password=hunter2 registry.example.com",
        "helm registry login r.example.com -u bob -p hunter2",
        "apptainer registry login -u bob -p hunter2 docker://registry",  # Apptainer guide
        "resend login --key re_123456789",  # Resend CLI
        "doctl databases list -t dop_v1_0123456789abcdef",  # doctl's global -t
        "singularity remote login --password hunter2 https://cloud.example.com",
        "smbclient //srv/share -U bob%hunter2",  # smbclient(1)
        "rpcclient -U 'CORP\\bob%hunter22' 10.0.0.5",  # Samba's common credential options
        "net rpc user add alice -U admin%hunter22 -S dc1",
        "samba-tool user list --user=admin%hunter22 -H ldap://dc1",
        "openssl enc -aes-256-cbc -pass pass:hunter2 -in a -out a.enc",  # passphrase-options
        "zip -P hunter2 secret.zip notes.txt",  # zip(1)
        "unzip -P hunter2 secret.zip",
        "redis-cli -a hunter2 ping",  # redis-cli docs
        "twine upload -p hunter2 dist/*",
        "PGPASSWORD=hunter2 psql -h db -U app",  # PostgreSQL docs
        "MYSQL_PWD=hunter2 mysql shop",
        "export GITHUB_TOKEN=ghp_abc123def456",
        "docker run -e DB_PASSWORD=hunter22 app",
        "kubectl create secret generic db --from-literal=password=hunter22",
        "vercel deploy --token abc123def456ghi",  # --token: CWE-214
        "some-cli --api-key=xyz",
        "gh-like --access-token=abc",
        # any option whose name ends in a secret's name, with a generated-looking value
        "az storage blob list --account-key 9699a8c7c034d9db -c data",  # az storage docs
        "aria2c --ftp-user bob --ftp-passwd 99a53a1cfe9dc71c https://x.io/f",  # aria2c(1)
        "chisel client --auth alice:37d86ce2f3e1b141 server:8080 5432",  # chisel --auth
        "wpscan --url https://x.io --proxy-auth 93a42aea2d9d11fe",
        "tool -computer-pass 691b17b2027921e9 host",  # single-dash long options
        # a word naming a secret followed by its value (keyword-value arguments)
        "nmcli device wifi connect lab password ad615f4c23ba1c96",  # nmcli(1)
        "ngrok config add-authtoken 2aBcD3eFgH4iJkL5mN",  # ngrok docs
        # a login's user and password as the next two words (Steam's client, SteamCMD)
        "steam -login builder hunter22",
        "steamcmd +login builder hunter22 +app_update 740 +quit",
        "networksetup -setairportnetwork en0 OfficeWiFi hunter22",  # networksetup(8)
        "htpasswd -b -c .htpasswd admin hunter22",  # htpasswd(1) -b
        # a secret as the command's operand (Vault's operator unseal and login docs)
        "vault operator unseal 48d04b13fc96a681",
        "vault unseal 48d04b13fc96a681",
        "vault login s.2aBcD3eFgH4iJkL5mN",
        "p4 -u bob -P hunter22 sync",  # Helix Core global options
        "keytool -list -keystore release.jks -storepass hunter22",  # keytool docs
        "jarsigner -keystore r.jks -storepass hunter22 app.apk key0",
        "apksigner sign --ks r.jks --ks-pass pass:hunter22 app.apk",  # apksigner docs
    ],
)
def test_secrets_on_the_command_line(command: str) -> None:
    assert _any(command)
    report = inspect_call(ToolCall("Bash", {"command": command}, cwd="/home/u/proj"))
    assert "secret_in_content" in report.flags


@pytest.mark.parametrize(
    "command",
    [
        "mysql -p shop",  # prompts; shop is the database
        "7z a backup.7z -p data/",  # prompts for it
        "mysql --password shop",
        "curl -u admin https://api.example.com",  # curl prompts for the password
        "wget --ask-password https://example.com/f",
        "docker login --password-stdin -u bob registry.example.com",
        "apptainer registry login -u bob --password-stdin docker://registry",
        "resend login",  # prompts for the key
        "doctl -t $DIGITALOCEAN_TOKEN compute droplet list",
        "docker run -p 8080:80 nginx",  # -p publishes a port outside login
        "sshpass -f ~/.pw ssh deploy@host",
        "openssl enc -pass env:PASSPHRASE -in a -out a.enc",
        "openssl enc -pass file:pw.txt -in a -out a.enc",
        "PGPASSWORD=$PW psql -h db",
        'export GITHUB_TOKEN="$(gh auth token)"',
        "psql --password mydb",  # psql's --password only forces a prompt
        "some-cli --token -",  # from standard input
        "USE_TOKEN=true make",
        "GOOGLE_APPLICATION_CREDENTIALS=/k/sa.json gcloud auth list",
        "tool --token-file t.txt",
        "git log --format=%H",
        "swaks --to a@x.io --auth cram-md5",  # a mechanism's name, not a secret
        "http --auth-type basic x.io",
        "kubectl create secret generic db-creds --from-file=creds.txt",
        "gh secret set DEPLOY_KEY",
        "aws s3api put-object --bucket b --key a16274b332c129d9 --body f",  # an object's key
        "tool --auth-token-file conf/token2024.txt",
        "tool --password-file secrets/pw2024.txt",
        "steamcmd +login builder +app_update 740 +quit",  # prompts for the password
        "steam -login builder",
        "networksetup -setairportnetwork en0 OfficeWiFi",  # joins an open or saved network
        "rpcclient -U bob 10.0.0.5",  # prompts for the password
        "net user bob /domain",
        "htpasswd -c .htpasswd admin",  # prompts
        "vault operator unseal",  # prompts for the key
        "vault operator unseal -reset",
        "vault login -method=userpass username=bob",  # prompts for the password
        "vault status",
        "keytool -list -keystore release.jks -storepass:env STOREPASS",
        "apksigner sign --ks r.jks --ks-pass env:KS_PASS app.apk",
    ],
)
def test_no_literal_secret(command: str) -> None:
    assert not _any(command)
