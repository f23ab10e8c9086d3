"""Table tests of the ``setting`` act (``gate.settings_changes``): settings of the system,
the desktop, the network or a tool's user-wide configuration written by any tool whose
manual documents it, and the reads, lists and help that write nothing."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import MUST_KNOW_ACTS
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.settings_changes import changes_settings
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import must_know, program_keys


def _does(command: str) -> bool:
    return any(changes_settings(s) for s in split_command(command) if s.head)


@pytest.mark.parametrize("command", [
    'defaults write com.apple.Dock expose-animation-duration -float 0.1',
    'defaults -currentHost write com.apple.screensaver idleTime 0',
    'dark-mode on',
    'dark-mode',
    'sudo launchctl config user umask 002',
    'gsettings reset org.example.schema key',
    'dconf reset /org/gnome/x',
    'dconf load / < backup.ini',
    'csrutil clear',
    'csrutil enable',
    'csrutil authenticated-root disable',
    'spctl --master-enable',
    'timedatectl set-ntp on',
    'systemsetup -settimezone "America/New_York" -setusingnetworktime on',
    'networksetup -setdnsservers Wi-Fi 1.1.1.1',
    'xcode-select --switch /Applications/Xcode.app',
    'bless --mount /Volumes/X --setBoot',
    'sysctl -w vm.swappiness=10',
    'sysctl kernel.core_pattern=core',
    'sudo sysctl -p /etc/sysctl.d/99-x.conf',
    'hostnamectl set-hostname web-1',
    'hostnamectl hostname web-1',
    'hostname web-1',
    'localectl set-locale LANG=en_US.UTF-8',
    'nvram boot-args="-v"',
    'sudo nvram -xf settings.xml',
    'pmset -a displaysleep 10',
    'update-alternatives --set editor /usr/bin/vim.basic',
    'xdg-settings set default-web-browser firefox.desktop',
    'xdg-mime default org.gnome.Evince.desktop application/pdf',
    'setenforce 0',
    'nmcli connection modify eth0 ipv4.dns 1.1.1.1',
    'nmcli radio wifi off',
    'reg add HKCU\\\\Software\\\\X /v Y /d 1',
    'git config --global user.name Bob',
    'git config --global --unset core.editor',
    'npm config set registry https://r.example.com',
    'pip config set global.index-url https://x.io/simple',
    'conda config --add channels conda-forge',
    'gcloud config set project p',
    'kubectl config use-context prod',
    'aws configure set region us-east-1',
    'tuned-adm profile powersave',
    'mdutil -i off /',
    'fdesetup disable',
    'scutil --set HostName web-1',
    'sudo tccutil reset All',
    'sudo tmutil setdestination /Volumes/Backup',
    'dockutil --add /Applications/X.app',
    'duti -s com.apple.Preview pdf viewer',
    'sudo bclm write 80',
    'xcodes select 15.2',
    'ifconfig eth0 up',
    'ifconfig en0 10.0.0.2 netmask 255.255.255.0',
    'sudo route add -net 10.1.0.0 netmask 255.255.0.0 gw 10.0.0.1',
    'sudo route flush',
    'ip addr add 10.0.0.2/24 dev eth0',
    'ip link set eth0 down',
    'ip route replace default via 10.0.0.1',
    'nmcli device wifi connect Office password x',
    'nmcli c add type ethernet ifname eth0',
    'nmcli c i type openvpn file x.ovpn',
    'sudo sntp -S pool.ntp.org',
    'sudo date -s "2026-01-01 10:00"',
    'sudo airport --disassociate',
])
def test_the_act_by_any_tool(command: str) -> None:
    assert _does(command)


@pytest.mark.parametrize("command", [
    'defaults read com.apple.Dock',
    'defaults domains',
    'dark-mode status',
    'gsettings get org.gnome.desktop.interface gtk-theme',
    'dconf dump /',
    'csrutil status',
    'spctl --assess -v /Applications/X.app',
    'timedatectl status',
    'systemsetup -gettimezone',
    'networksetup -listallnetworkservices',
    'xcode-select -p',
    'bless --info',
    'sysctl -a',
    'sysctl vm.swappiness',
    'hostnamectl',
    'hostnamectl hostname',
    'hostname -f',
    'hostname',
    'nvram -p',
    'pmset -g',
    'update-alternatives --display editor',
    'xdg-mime query default application/pdf',
    'getenforce',
    'nmcli connection show',
    'reg query HKCU\\\\Software\\\\X',
    'git config --global --get user.name',
    'git config --global --list',
    'git config user.name Bob',
    'npm config get registry',
    'conda config --show channels',
    'gcloud config list',
    'kubectl config get-contexts',
    'aws configure get region',
    'tuned-adm list',
    'mdutil -s /',
    'fdesetup status',
    'scutil --get HostName',
    'tmutil listbackups',
    'dockutil --list',
    'duti -x pdf',
    'bclm read',
    'xcodes installed',
    'ifconfig',
    'ifconfig eth0',
    'ifconfig -a',
    'route -n',
    'route get default',
    'ip addr show',
    'ip route',
    'ip -br a',
    'nmcli device status',
    'nmcli d wifi list',
    'sntp pool.ntp.org',
    'date +%s',
    'airport -s',
])
def test_reads_lists_and_help_are_not_the_act(command: str) -> None:
    assert not _does(command)


def test_the_act_is_one_key_across_programs_and_asked_once() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for command in ("defaults write com.apple.dock autohide -bool true",
                    "gsettings set org.x.y k 1", "sudo sysctl -w vm.swappiness=10",
                    "git config --global user.name Bob"):
        assert "Bash:* setting" in keys(command), command
    assert "Bash:* setting" not in keys("defaults read com.apple.dock")
    # a setting outlives the call into every later session, as an autostart does
    assert "setting" in MUST_KNOW_ACTS and must_know("Bash:* setting")
