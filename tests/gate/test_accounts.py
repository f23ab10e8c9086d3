"""Table tests of the ``account`` act (``gate.accounts``): changes to accounts, passwords,
group memberships and role grants, by every tool whose manual documents one, and the
lookups, lists, help and checks that change nothing."""

from __future__ import annotations

import pytest

from neuroplast.gate.accounts import changes_accounts
from neuroplast.gate.acts import MUST_KNOW_ACTS, acts
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import must_know, program_keys


def _changes(command: str) -> bool:
    return any(changes_accounts(s) for s in split_command(command) if s.head)


@pytest.mark.parametrize("command", [
    'sudo pdbedit -u dev -a',
    'rabbitmqctl set_user_tags alice administrator',
    'passwd',
    'gcloud iam service-accounts set-iam-policy sa@p.iam.gserviceaccount.com policy.json',
    'chfn --office-phone 2 dev',
    'chfn -o 198 alice',
    'sudo usermod -U dev',
    'vipw -V',
    'useradd -m bob',
    'gpasswd -a bob docker',
    'adduser bob docker',
    'deluser bob',
    'chpasswd < users.txt',
    'chage -M 90 bob',
    'chsh -s /bin/zsh',
    'samba-tool group addmembers GIS-Editors intern2',
    'samba-tool user setpassword bob',
    'smbpasswd -a bob',
    'net user bob S3cret /add',
    'net localgroup Administrators bob /add',
    'net rpc user add bob -U admin',
    'net rpc password bob -U admin',
    'net accounts /maxpwage:90',
    'pwsh -Command "New-LocalUser -Name bob -NoPassword"',
    'powershell Add-ADGroupMember -Identity Admins -Members bob',
    'dscl . -create /Users/bob UserShell /bin/zsh',
    'dscl . -passwd /Users/bob newpass',
    'sysadminctl -addUser bob -password x',
    'sysadminctl -guestAccount off',
    'dseditgroup -o edit -a bob -t user admin',
    'ldapmodify -x -D cn=admin -W -f change.ldif',
    'ldappasswd -x -D cn=admin -W -S uid=bob,dc=x',
    'ipa user-add bob --first=B --last=C',
    'ipa group-add-member admins --users=bob',
    'ipa passwd bob',
    'kadmin.local -q "addprinc bob"',
    'kadmin -p admin/admin cpw bob',
    'htpasswd -c /etc/nginx/.htpasswd bob',
    'htdigest -c digest realm bob',
    'mosquitto_passwd -c pw.txt bob',
    'createuser --superuser bob',
    'dropuser bob',
    'psql -c "CREATE ROLE reader LOGIN PASSWORD \'x\'"',
    'psql -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader"',
    'mysql -e "ALTER USER \'bob\'@\'%\' IDENTIFIED BY \'x\'"',
    'mysql -e "SET PASSWORD FOR bob = \'x\'"',
    'mongosh --eval \'db.createUser({user: "bob", pwd: "x", roles: []})\'',
    'redis-cli ACL SETUSER bob on >pw ~* +@all',
    'mysqladmin -u root password newpass',
    'aws iam create-user --user-name bob',
    'aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/Admin',
    'aws --profile prod iam add-user-to-group --user-name bob --group-name admins',
    'aws cognito-idp admin-create-user --user-pool-id p --username bob',
    'gcloud projects add-iam-policy-binding p --member=user:b@x.io --role=roles/owner',
    'gcloud iam service-accounts keys create key.json --iam-account sa@p.iam.gserviceaccount.com',
    'gcloud identity groups memberships add --group-email g@x.io --member-email b@x.io',
    'gcloud sql users set-password bob --instance db --password x',
    'az ad user create --display-name Bob --password x --user-principal-name b@x.io',
    'az ad group member add --group admins --member-id 123',
    'az role assignment create --assignee b@x.io --role Owner',
    'openstack role add --user bob --project demo admin',
    'kubectl create rolebinding bob-admin --clusterrole=admin --user=bob',
    'kubectl create sa builder',
    'kubectl delete clusterrolebinding/ci-admin',
    'oc adm policy add-role-to-user admin bob',
    'oc adm groups add-users devs bob',
    'mc admin user add myminio bob secret123',
    'influx user create -n bob -o org',
    'pveum user add bob@pve',
    'kcadm.sh create users -r demo -s username=bob',
    'homectl create bob',
    'pw useradd bob -m',
    'visudo',
    'sudo -u postgres psql -c "DROP ROLE bob"',
    'bash -c "useradd bob && passwd bob"',
    'luseradd bob',
    'dsadd user "CN=Bob,CN=Users,DC=x"',
])
def test_account_changes_by_any_tool(command: str) -> None:
    assert _changes(command)


@pytest.mark.parametrize("command", [
    'pdbedit -L -v',
    'pdbedit -u dev',
    'rabbitmqctl list_users',
    'passwd -S alice',
    'gcloud iam service-accounts list',
    'gcloud projects get-iam-policy p',
    'useradd -D',
    'id bob',
    'getent group docker',
    'chage -l bob',
    'chsh -l',
    'samba-tool group listmembers GIS-Editors',
    'samba-tool user list',
    'net user',
    'net user bob /domain',
    'net localgroup Administrators',
    'net use Z: \\\\\\\\srv\\\\share',
    'net accounts',
    'pwsh -Command "Get-LocalUser"',
    'dscl . -list /Users',
    'sysadminctl -guestAccount status',
    'dseditgroup -o checkmember -m bob admin',
    'ldapsearch -x -b dc=x uid=bob',
    'ipa user-find bob',
    'kadmin.local -q "getprinc bob"',
    'kadmin -p admin/admin listprincs',
    'htpasswd -nb bob secret',
    'htpasswd -vb .htpasswd bob secret',
    'psql -c "SELECT * FROM pg_roles"',
    'mysql -e "SHOW GRANTS FOR bob"',
    "mongosh --eval 'db.getUsers()'",
    'redis-cli ACL LIST',
    'aws iam list-users',
    'aws iam get-user --user-name bob',
    'aws cognito-idp admin-get-user --user-pool-id p --username bob',
    'gcloud sql users list --instance db',
    'az ad user show --id b@x.io',
    'az role assignment list',
    'openstack user list',
    'kubectl get rolebindings',
    'kubectl create secret generic x --from-literal=a=b',
    'mc admin user list myminio',
    'influx user list',
    'pveum user list',
    'kcadm.sh get users -r demo',
    'homectl list',
    'pw usershow bob',
    'visudo -c',
    'useradd --help',
])
def test_lookups_lists_and_checks_change_no_account(command: str) -> None:
    assert not _changes(command)


def test_an_account_change_is_one_key_across_programs_and_asked_once() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for command in ("sudo usermod -aG wheel bob", "samba-tool group addmembers G bob",
                    "psql -c 'GRANT ALL ON t TO bob'", "az role assignment create --role x"):
        assert "Bash:* account" in keys(command), command
    assert "Bash:* account" not in keys("getent group wheel")
    # it reaches every later login, as an autostart reaches every later boot
    assert "account" in MUST_KNOW_ACTS and must_know("Bash:* account")
    assert acts(split_command("gpasswd -a bob docker")[0]) == ("account",)
