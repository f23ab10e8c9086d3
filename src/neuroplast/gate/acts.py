"""Acts a call performs whatever program performs them: evidence shared across programs.

A user's view of an act is one view, not one per program: a user who stops letting the
agent open a shell on another machine with ``ssh`` stops letting it do so with ``mosh``,
``kubectl exec`` or ``gcloud compute ssh``. So each act below is a cross-program key
(``* ACT`` in ``gate.support.program_keys``, beside each program's own), as a package
manager's ``publish`` is, and a refusal of one counts against every program that performs
it. Each act is read from the programs' own manuals:

- ``download``: saves what it fetches from another machine (``gate.downloads``);
- ``remote``: acts on another machine: a login session, a command run there, files copied
  to or from it. ssh(1) (``ssh DESTINATION [COMMAND]``; ``-G``, ``-Q``, ``-V`` only print),
  mosh(1), telnet(1), sshfs(1), ssh-copy-id(1), sftp(1), scp(1) and rsync(1) with a
  ``host:path`` or ``rsync://`` side, pssh/pscp/prsync/pslurp, pdsh(1), clush(1), salt and
  salt-ssh; ``kubectl exec/attach/cp/debug`` (kubectl reference: they run commands in, or
  copy files to or from, a container on the cluster); ``gcloud compute ssh/scp``, ``az ssh``,
  ``aws ssm start-session/send-command`` (each CLI's reference: a session on, or a command
  run on, an instance); ``ansible`` and ``ansible-playbook`` (they run modules on the
  inventory's hosts, unless ``-c local`` / ``--connection local``); and the other clients
  of remote services, PuTTY, remote desktops, WinRM, SMB shares, a container engine on
  another host (``gate.remote_sessions``);
- ``remote-database``: a database or cache client told to connect to another machine
  (``-h``/``--host`` of psql, pg_dump, mysql, mysqldump, mongosh, mongodump, redis-cli...;
  a ``postgresql://``, ``mysql://``, ``mongodb://``, ``redis://`` URI): queries run there;
- ``forward``: a tunnel or port forward, which makes a port of one machine reachable from
  another network: ssh(1) ``-L``, ``-R``, ``-D``, ``-w`` (also through autossh(1)),
  ``kubectl port-forward``, sshuttle(8), ngrok, ``cloudflared tunnel run|route|--url``
  and ``cloudflared access tcp|rdp|ssh`` (not ``tunnel login|create|list...``), ``tailscale
  funnel`` (Tailscale's docs: it routes traffic 'from the broader internet to a local
  service') and ``tailscale serve`` (to the tailnet's other devices), not their ``status``
  or ``reset`` nor a share turned ``off``; ``kubectl|oc port-forward|proxy`` (kubectl
  proxy: 'a proxy server or application-level gateway between localhost and the Kubernetes
  API server'), the tunnels of chisel, frp (``frpc``, ``frps``), localtunnel's ``lt``,
  ``bore local|server``, ``code tunnel`` (VS Code Remote Tunnels), ``devtunnel host``,
  ``gcloud compute start-iap-tunnel`` and ``az network bastion tunnel``, not their help,
  versions, config checks or completions (``_TUNNEL_VERBS``);
- ``kill``: something that runs is stopped, restarted or paused, whatever stops it (ATT&CK
  T1489 Service Stop, T1529 System Shutdown/Reboot: one act to whoever's work it cuts
  short). A signal sent to processes picked by PID, name or port: kill(1) (not ``-l`` /
  ``-L``, which list signals, nor ``-0``, which sends none, nor the shell's own ``%job``),
  pkill(1), killall(1), skill(1), fuser(1) ``-k``, xkill(1). A service, container, virtual
  machine, device or the machine itself stopped, restarted, suspended or shut down by its
  manager, each verb from the manager's manual (``_STOP_VERBS``): ``systemctl
  stop|restart|kill|isolate|halt|poweroff|reboot|suspend|hibernate...`` (systemctl(1)),
  ``service NAME stop|restart``, ``rc-service``, sv(8), supervisorctl, pm2, ``docker
  stop|kill|restart|pause`` and ``compose down|stop``, podman, nerdctl, crictl, ``kubectl
  drain``, ``kubectl rollout restart``, ``kubectl delete`` of a workload, vagrant, virsh(1),
  ``VBoxManage controlvm``, multipass, lxc, incus, Proxmox's qm and pct, limactl,
  minikube, colima, docker-machine, ``podman machine``, distrobox, LXC's ``lxc-stop`` and
  ``lxc-freeze``, tart, utmctl, prlctl, vmrun, Xen's xl, orbctl, ``launchctl
  stop|bootout|unload``, ``adb reboot|kill-server``, ``fastboot reboot``, ``xcrun simctl
  shutdown``, ``brew services stop``, ``tmux kill-*``, ``nginx -s stop|quit``, ``apachectl
  stop``, ``pg_ctl stop|restart``, ``mysqladmin shutdown``, ``redis-cli shutdown``, and
  shutdown(8), reboot(8), halt(8), poweroff(8) (not ``shutdown -c``, which cancels, nor
  ``-k``, which only warns);
- ``upload`` and ``remote-delete``: local files sent to another machine, data deleted on
  another machine's storage (``gate.transfers``: bucket copies, scp/rsync to a remote,
  curl's uploads, any ``upload`` command);
- ``discard``: changes not yet committed, or branches and stashes, thrown away, which git's
  manuals say may be impossible to recover: ``git reset --hard``, ``git checkout`` of paths
  (after ``--``, ``.``, a file name) or ``-f``, ``git restore`` of the working tree (not
  ``--staged`` alone), ``git switch -f/--discard-changes``, ``git clean -f``, ``git stash
  drop|clear``, ``git branch -D``; and a notebook's outputs cleared in place
  (``jupyter nbconvert --clear-output --inplace``);
- ``rewrite``: committed history or refs rewritten, moved or deleted, so commits someone
  had (a colleague through the remote, or the user through a branch or tag) can be lost
  (``_rewrites``; Pro Git 7.6 'Rewriting History'; git-push(1): ``--force`` 'can cause
  the remote repository to lose commits'). ``git push`` forced, deleting or mirroring;
  ``git reset`` onto another commit; ``rebase``; ``commit --amend``; ``filter-branch``,
  ``filter-repo``, BFG; branches and tags deleted, forced or renamed; ``update-ref``,
  ``replace``, ``reflog expire|delete``, ``prune``, ``gc --prune=now``; stash entries
  dropped; ``checkout -B``, ``switch -C``; ``git lfs prune`` and ``migrate``; git-extras'
  commands built on these (``squash``, ``undo``, ``obliterate``, ``sync``, ``rename-tag``,
  ``delete-merged-branches``...); Mercurial's ``strip``, ``histedit``, ``rebase``,
  ``rollback``; Perforce's ``obliterate -y``. A user who stops letting the agent rewrite
  shared history stops it for every one of these, and a commit, revert, merge or plain
  push adds history and is none of them;
- ``capture``: what a screen shows, a camera sees or a microphone hears, captured live or
  to a file (``gate.captures``, each tool's manual; ATT&CK T1113, T1125, T1123);
- ``package``: software packages installed, upgraded or removed, with any package manager
  and under any of its spellings (``gate.packages``, each manager's command reference:
  ``npm i``, ``uv tool install``, ``conda update``, ``apt remove``, ``brew tap``...);
- ``message``: a message sent to people, by mail, chat, text, push notification, onto
  other users' terminals or as a post on a forge or tracker (``gate.messages``, each
  tool's manual);
- ``open``: a file, page or app opened for a person to view, by an opener, a browser, a
  viewer or player, or a tool that opens its page in a browser (``gate.opens``, each
  tool's manual);
- ``autostart``: something set to run at boot, at login or on a schedule: ``launchctl
  load/bootstrap/enable/submit`` (launchctl(1)), ``systemctl enable/link`` (systemctl(1):
  units started at boot), installing a crontab (crontab(1): ``crontab FILE``, ``-e``; not
  ``-l``), at(1) and batch(1) jobs, ``update-rc.d ... enable|defaults``, ``chkconfig ...
  on``, ``rc-update add``, systemd-run(1) with a timer (``--on-calendar``...), tools'
  own schedulers and triggers (``resticprofile schedule``, ``velero schedule create``,
  ``watchman trigger``), cloud schedulers (``gcloud scheduler jobs create``, ``aws
  scheduler create-schedule``);
- ``flash``: writes onto attached hardware: firmware into a board, an app or a partition
  onto a phone, an image over a drive (``gate.devices``, each tool's write operations);
- ``submit``: work queued on a shared scheduler or batch service: Slurm, PBS, LSF,
  HTCondor, Flux, cloud batch and training services, workflow managers told to use a
  cluster (``gate.jobs``, each tool's manual);
- ``setting``: a setting of the system, the desktop or a tool's user-wide configuration
  written: ``defaults write``, ``sysctl -w``, ``gsettings set``, ``timedatectl set-*``,
  ``git config --global``, ``npm config set``... (``gate.settings_changes``, each tool's
  manual);
- ``mount``: storage mounted, unmounted, attached or detached: disks, images, shares,
  buckets and encrypted volumes as folders, cloud block volumes (``gate.mounts``, each
  tool's manual);
- ``firewall``: a firewall's rules changed or the firewall switched on or off: iptables,
  nft, ufw, firewalld, pf, Windows' firewall, cloud security groups and firewall rules
  (``gate.firewalls``, each tool's manual);
- ``ai-prompt``: a prompt sent to an AI model run by an outside service, by a command-line
  client or a request to the provider's API (``gate.ai_prompts``, each client's docs);
- ``clipboard``: the clipboard read or written (``gate.clipboard``);
- ``sign``: something signed in the user's name, with their keys or by a signing service
  or CA for them: gpg, signed commits and tags, sign-offs, code, package, image and boot
  signing, sigstore, SSH signatures, certificates issued, KMS and Vault signing
  (``gate.signing``);
- ``extract``: an archive extracted or a file decompressed onto the disk, by any archiver
  or decompressor, or to standard output redirected into a file (``gate.extracts``, each
  tool's manual);
- ``purge``: a cache's contents purged, flushed, invalidated or evicted: package and
  build caches, DNS caches, CDN and HTTP caches, key-value caches, the page cache,
  applications' caches (``gate.cache_purges``, each tool's manual);
- ``account``: an account created, changed or deleted, its password, group memberships or
  role grants: local, Samba, Windows and macOS accounts, directories, password files,
  database roles and ``GRANT``, cloud and cluster identities (``gate.accounts``, each
  tool's manual);
- ``deploy``: a release of an application, site, function or infrastructure rolled out,
  rolled back or torn down: Kubernetes and its deployers, infrastructure as code,
  platforms' deploy commands, sites published, a project's own ``deploy`` target
  (``gate.deploys``, each tool's manual);
- ``provision``: a cloud resource created, started or resized: servers, clusters,
  databases, buckets and the other resources a cloud account holds and bills
  (``gate.provisions``, each provider's command-line reference);
- ``load``: traffic or work sent at a service or machine to measure or stress its
  capacity: HTTP load generators, network throughput tests, database and cache
  benchmarks, disk, processor and memory stress tools (``gate.loads``, each tool's
  manual);
- ``encrypt``: files, archives, secrets or volumes encrypted, or encrypted again under new
  keys (``gate.encrypts``, each tool's manual);
- ``permission``: who may read, write or run a file changed: its mode, owner, group,
  access list, attributes, capabilities or security label, or a stored object's access
  (``gate.permission_changes``, each tool's manual);
- ``sniff``: network traffic captured off a live link, by a packet capturer, a wireless
  capture, an intercepting proxy or an intrusion detection system on an interface
  (``gate.sniffs``, each tool's manual);
- ``attach``: a process already running attached to by a debugger, tracer or profiler,
  or its memory, stacks or system calls read or dumped (``gate.attaches``, each tool's
  manual);
- ``dump``: a database's, directory's or cluster store's contents exported in bulk
  (``gate.dumps``, each tool's manual);
- ``dns``: a DNS record, zone or a domain's name servers created, changed or deleted
  (``gate.dns_changes``, each service's reference);
- ``secret``: a secret, password or credential stored, changed, rotated or deleted in a
  secret store, a cluster's or CI's secrets, a platform's environment, a password manager
  or keychain (``gate.secret_writes``, each tool's reference);
- ``in-place``: files rewritten in place, a program's result written back over the files
  it reads: stream editors and substitution tools, patches, formatters and fixers that
  write, image and metadata rewriters (``gate.in_place``, each tool's manual);
- ``commit``: a change recorded in a version-control history: a commit, merge, cherry-pick,
  revert or applied patch, a pull request merged on the forge (``gate.commits``);
- ``login``: a tool logged in to a service, a session, token or cluster credential stored
  for later calls (``gate.logins``, each tool's reference);
- ``join``: this machine joined to a network: a VPN or overlay brought up, a Wi-Fi or
  wired connection made (``gate.network_joins``);
- ``kernel``: code loaded into the running kernel or taken out: modules, drivers, kernel
  extensions, eBPF programs, another kernel staged (``gate.kernel_modules``);
- ``keygen``: a key pair or secret key generated (``gate.key_generation``, each tool's
  manual);
- ``certificate``: a certificate issued, self-signed or signed by a CA the call holds, or
  a local CA made and trusted (``gate.certificates``, each tool's manual);
- ``restore``: data restored or bulk-loaded from a dump, backup, snapshot or export:
  databases, managed databases, files, volumes and machines (``gate.restores``);
- ``start``: a service, container or virtual machine started through its manager, to run
  on after the call (``gate.starts``; stopping is ``kill``, starting at boot ``autostart``);
- ``print``: a document sent to a printer (``gate.prints``);
- ``input``: the user's desktop driven: keystrokes, pointer moves and clicks, windows
  raised, moved or closed (``gate.desktop_input``);
- ``destroy``: stored data destroyed through its store's manager: volumes, datasets,
  snapshots, backups, virtual machines' disks, databases (``gate.destroys``);
- ``scan``: a network's hosts swept, ports probed, services fingerprinted, web servers
  and their TLS enumerated or probed for weaknesses (``gate.scans``);
- ``play``: sound played to an output: players, tones, speech, players' remotes that
  start, resume or skip (``gate.playbacks``);
- ``detach``: work left running after the call returns: nohup, setsid, sessions started
  detached, a program's own ``--daemon``, task queues (``gate.detaches``, each tool's
  manual);
- ``rename``: a file renamed or moved, the file kept and the path it is found at changed:
  mv, the bulk renamers, photo tools renaming by date, version control's and remote
  stores' moves (``gate.renames``, each tool's manual);
- ``archive``: files packed into an archive or compressed into a file: tar's create,
  append and update, zip, 7z's and rar's adds, ``git archive``, image and installer
  builders, the compressors (``gate.archives``, each tool's manual);
- ``link``: a symbolic or hard link made: ln, ``cp -s``/``-l``, stow, package managers'
  link commands, the alternatives' links (``gate.links``, each tool's manual);
- ``log``: a system's or service's logs read: the journal, dmesg, login records, a
  container's, cluster's or cloud's log store, files under ``/var/log`` (``gate.log_reads``,
  each tool's manual);
- ``enqueue``: a message put on a machine queue, topic or event bus for other programs to
  act on: MQTT, Kafka, NATS, Redis pub/sub and streams, AMQP, task queues, the clouds'
  queues and buses (``gate.enqueues``, each client's manual);
- ``image``: a container or machine image built: the engines' build and commit, the
  builders, Jib, Packer, the clouds' build services (``gate.image_builds``, each tool's
  manual);
- ``backup``: a backup or snapshot taken, a copy of data kept beyond the original's life:
  backup programs, file systems', volumes' and virtual machines' snapshots, the clouds'
  snapshots and backup jobs (``gate.backups``, each tool's manual);
- ``disk``: the storage layout changed: partitions, file systems, volumes, arrays, pools and
  swap created, resized, relabelled, repaired or removed (``gate.disks``, each tool's
  manual);
- ``vm``: a virtual machine or system container changed through its manager: created,
  imported, cloned, reconfigured, started, stopped, snapshotted, rolled back, migrated or
  deleted (``gate.virtual_machines``, each manager's manual);
- ``boot``: what the machine boots changed: its boot loader installed or configured, boot
  entries and their order, the kernel's command line, the initramfs rebuilt, Secure Boot's
  keys (``gate.boots``, each tool's manual);
- ``policy``: the machine's security policy changed: SELinux's modes, booleans, contexts and
  modules, AppArmor's profiles, audit rules, Gatekeeper and System Integrity Protection,
  Defender's preferences (``gate.security_policies``, each tool's manual);
- ``share``: something shared with other people: a presigned or signed link, a SAS token,
  files or a terminal served by a sharing tool, access to a package, repository or
  encrypted secret granted (``gate.shares``, each tool's manual);
- ``service``: a service's definition changed through its manager: enabled, disabled,
  masked, edited, overridden, its dependencies, properties or environment set, created,
  removed, the manager's definitions reloaded (``gate.service_changes``, each manager's
  manual);
- ``priority``: how much of the machine running processes get changed: their processor or
  I/O priority, scheduling policy, affinity, a processor limit, their control group, the
  processors' frequency policy (``gate.priorities``, each tool's manual);
- ``network-config``: this machine's network configuration changed: interfaces, addresses,
  routes, bridges, tunnels, a link's parameters, traffic shaping, wireless settings, the
  resolver's servers, the network managers' profiles, a network joined or left
  (``gate.network_changes``, each tool's manual);
- ``delete``: files or folders deleted from this machine's disk, whatever program removes
  them: rm, the trash's tools, ``find -delete``, ``git rm``, ``rsync --delete``
  (``gate.deletes``, each tool's manual);
- ``web-write``: a web service asked to change something: an HTTP request with a method
  that is not safe (POST, PUT, PATCH, DELETE), by curl, wget, HTTPie, the forges' ``api``
  commands, PowerShell or a script (``gate.web_writes``, each client's manual);
- ``trust``: what this machine or a tool trusts changed: a certificate authority added to
  or removed from a trust store, a signing key imported or trusted, a package source
  added or removed, a host's key accepted unchecked (``gate.trusts``, each tool's manual);
- ``log-clear``: a record of what happened cleared: a shell's history, the journal, the
  kernel's ring buffer, event logs, log files emptied, cloud log stores deleted
  (``gate.log_clears``, each tool's manual);
- ``timestamp``: a recorded time set to another than now: files' times, the dates media and
  documents carry, commits' and archives' dates, a program run under a faked time
  (``gate.timestamps``, each tool's manual);
- ``profile``: the user's shell startup or login environment changed: a startup file
  written, a tool added to it, a variable set for every later session (``gate.profiles``,
  each tool's manual);
- ``database-write``: what a database holds changed, as the call's own words say: a
  writing statement handed to a client, a key-value store's write, a managed database's
  item writes, a migration or seed applied (``gate.database_writes``, each tool's manual);
- ``serve``: a server run by the call listens for connections on this machine: a
  development or file server, a notebook, a database run in the foreground, a listening
  socket (``gate.serves``, each server's manual);
- ``release``: a version of the project named as released: a tag made or pushed, a
  version bumped by a release tool, a release created on a forge (``gate.releases``, each
  tool's manual);
- ``elevate``: something run as another operating-system user, root above all: sudo and
  its kin, a root login on another machine, a privileged container (``gate.elevations``,
  each tool's manual);
- ``transcode``: a picture, image sequence, video or sound decoded and encoded again as
  something new, by any tool (``gate.transcodes``, each tool's manual);
- ``pipeline``: a run of a CI/CD pipeline or an orchestrated workflow started on the
  service that runs it (``gate.pipeline_runs``, each tool's manual);
- ``document``: a document reworked into a new one: converted, merged, split, rotated,
  compressed, OCR'd or rendered (``gate.documents``, each tool's manual);
- ``crawl``: pages fetched by following the links or the sitemap of those the call names:
  a mirror, a spider, a recursive link check (``gate.crawls``, each tool's manual);
- ``checkout``: the work tree checked out at another branch or revision: a branch switched
  to, a commit checked out, a bisection's steps, a pull request's branch
  (``gate.checkouts``, each tool's manual);
- ``p2p``: a peer-to-peer swarm joined, downloading or seeding through it: a torrent, a
  magnet link, an IPFS node (``gate.swarms``, each tool's manual);
- ``osint``: a person searched for: a username across sites, an email address or phone
  number checked, an organisation's people harvested, someone's social accounts
  downloaded (``gate.people_searches``, each tool's manual);
- ``mailbox``: mail read, searched, indexed or synced to here, by any client
  (``gate.mailboxes``, each client's manual);
- ``teardown``: a resource a provider hosts deleted, terminated or destroyed: servers,
  clusters, databases, buckets, repositories, projects, apps, whole stacks
  (``gate.teardowns``, each provider's command-line reference);
- ``purchase``: money spent past the call: a commitment or reservation bought, a
  marketplace offer's terms accepted, a domain registered, a payment made
  (``gate.purchases``, each CLI's reference);
- ``build``: software built on this machine: compiled, linked, bundled or packaged, or
  run or tested by a tool that builds first (``gate.builds``, each tool's manual);
- ``scaffold``: a project, package, app or piece of code generated from a template or a
  generator, whose own code runs here (``gate.scaffolds``, each generator's manual);
- ``profiling``: a program profiled, traced or sampled here, or the whole system traced
  (``gate.profiling``, each profiler's and tracer's manual);
- ``model-run``: a machine-learning model run, trained or converted on this machine
  (``gate.model_runs``, each runtime's and tool's manual);
- ``notebook``: a notebook's or a computational document's code cells all run, headless
  (``gate.notebooks``, each tool's documentation);
- ``device-link``: a device talked to over a serial line or Bluetooth: a console opened,
  a program pointed at a port, a device paired or connected (``gate.device_links``, each
  tool's manual);
- ``connect``: talks to another machine the call names, whatever it sends or fetches: a
  URL's host, a socket or database client's host, a remote session or copy. A user who
  stops letting the agent reach out (after a leak, on a new network) stops it for
  ``curl``, ``ncat`` and ``git ls-remote`` alike; not asked first, since nearly every
  project fetches something, but a refusal among its latest answers is asked on.

The acts that reach beyond the call, onto another machine (a job on a cluster, a prompt to
an outside model, a release others use, a resource an account pays for too or one it
loses, a commitment it pays for to its term), into every
later boot or login (an autostart, a setting, a mount, a firewall rule, an account change)
or onto hardware of its own (``MUST_KNOW_ACTS``), are asked once before the model may
decide them, as a consequential sub-command is (``gate.support.must_know``): the first
tunnel, remote session, submitted job, changed setting, mount, firewall rule, new account,
deploy, cloud resource created or deleted, purchase or flashed board this user lets the
agent open or write is the user's call, not the model's guess from unrelated programs.

This machine is no other machine: ``localhost``, ``127.0.0.1`` and ``::1`` are not remote.

>>> from neuroplast.gate.shell import split_command
>>> [acts(s) for s in split_command(
...     "ssh dev@web-1 uptime; ssh -G web-1; mysql -h db.example.com app; mysql app; "
...     "kubectl -n x exec -it pod -- sh; autossh -M 0 -N -L 80:localhost:8080 a@b; "
...     "kill -9 4242; kill -l; curl -O https://x.io/a.tgz")]
[('remote', 'connect'), (), ('remote-database', 'connect'), (), ('remote', 'connect'), \
('remote', 'forward', 'connect'), ('kill',), (), ('download', 'connect')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlparse

from neuroplast.gate.accounts import changes_accounts
from neuroplast.gate.ai_prompts import sends_ai_prompt
from neuroplast.gate.archives import archives
from neuroplast.gate.attaches import attaches
from neuroplast.gate.backups import backs_up
from neuroplast.gate.boots import changes_boot
from neuroplast.gate.builds import builds
from neuroplast.gate.cache_purges import purges_cache
from neuroplast.gate.captures import captures
from neuroplast.gate.certificates import issues_certificate
from neuroplast.gate.checkouts import checks_out, names_files
from neuroplast.gate.clipboard import uses_clipboard
from neuroplast.gate.commits import commits
from neuroplast.gate.crawls import crawls
from neuroplast.gate.database_writes import writes_database
from neuroplast.gate.deletes import deletes_files
from neuroplast.gate.deploys import deploys
from neuroplast.gate.desktop_input import drives_desktop
from neuroplast.gate.destroys import destroys
from neuroplast.gate.detaches import detaches
from neuroplast.gate.device_links import links_device
from neuroplast.gate.devices import writes_device
from neuroplast.gate.disks import changes_disks
from neuroplast.gate.dns_changes import changes_dns
from neuroplast.gate.documents import reworks_document
from neuroplast.gate.downloads import saves_from_network
from neuroplast.gate.dumps import dumps_data
from neuroplast.gate.elevations import elevates
from neuroplast.gate.encrypts import encrypts
from neuroplast.gate.enqueues import enqueues
from neuroplast.gate.executed import after_global_options
from neuroplast.gate.extracts import extracts
from neuroplast.gate.firewalls import changes_firewall
from neuroplast.gate.image_builds import builds_image
from neuroplast.gate.in_place import rewrites_in_place
from neuroplast.gate.jobs import submits_job
from neuroplast.gate.kernel_modules import changes_kernel
from neuroplast.gate.key_generation import makes_key
from neuroplast.gate.links import links
from neuroplast.gate.loads import generates_load
from neuroplast.gate.log_clears import clears_logs
from neuroplast.gate.log_reads import reads_logs
from neuroplast.gate.logins import logs_in
from neuroplast.gate.mailboxes import reads_mail
from neuroplast.gate.messages import sends_message
from neuroplast.gate.model_runs import runs_model
from neuroplast.gate.mounts import mounts
from neuroplast.gate.network_changes import changes_network_config
from neuroplast.gate.network_joins import joins_network
from neuroplast.gate.notebooks import runs_notebook
from neuroplast.gate.opens import opens_for_viewing
from neuroplast.gate.outputs import names_option, option_values, starts_with
from neuroplast.gate.packages import changes_packages
from neuroplast.gate.paths import REMOTE_PATH, URL, is_local_host
from neuroplast.gate.people_searches import searches_people
from neuroplast.gate.permission_changes import changes_permissions
from neuroplast.gate.pipeline_runs import starts_pipeline
from neuroplast.gate.playbacks import plays_sound
from neuroplast.gate.prints import prints
from neuroplast.gate.priorities import changes_priority
from neuroplast.gate.profiles import changes_profile
from neuroplast.gate.profiling import profiles
from neuroplast.gate.provisions import provisions
from neuroplast.gate.purchases import purchases
from neuroplast.gate.releases import cuts_release
from neuroplast.gate.remote_sessions import opens_remote_session
from neuroplast.gate.renames import renames
from neuroplast.gate.render import url_host
from neuroplast.gate.restores import restores
from neuroplast.gate.scaffolds import scaffolds
from neuroplast.gate.scans import scans
from neuroplast.gate.secret_writes import writes_secret
from neuroplast.gate.security_policies import changes_security_policy
from neuroplast.gate.serves import serves
from neuroplast.gate.service_changes import changes_service
from neuroplast.gate.settings_changes import changes_settings
from neuroplast.gate.shares import shares
from neuroplast.gate.shell import Segment
from neuroplast.gate.signing import signs
from neuroplast.gate.sniffs import captures_traffic
from neuroplast.gate.starts import starts_service
from neuroplast.gate.swarms import joins_swarm
from neuroplast.gate.teardowns import tears_down
from neuroplast.gate.timestamps import sets_timestamp
from neuroplast.gate.transcodes import transcodes
from neuroplast.gate.transfers import directions
from neuroplast.gate.trusts import changes_trust
from neuroplast.gate.virtual_machines import MACHINE_STOPS, changes_vm
from neuroplast.gate.web_writes import writes_to_web

__all__ = ["ACTS", "MUST_KNOW_ACTS", "acts", "database_hosts", "socket_hosts"]

ACTS = ("download", "upload", "remote-delete", "remote", "remote-database", "forward", "kill",
        "discard", "rewrite", "capture", "package", "message", "open", "autostart", "flash",
        "submit", "setting", "mount", "firewall", "ai-prompt", "clipboard", "sign", "extract",
        "purge", "account", "deploy", "provision", "load", "encrypt", "permission",
        "sniff", "attach", "dump", "dns", "secret", "in-place", "commit", "login", "join",
        "kernel", "keygen", "certificate", "restore", "start", "print", "input", "destroy", "scan",
        "play", "detach", "rename", "archive", "link", "log", "enqueue", "image", "backup", "disk",
        "vm", "boot", "policy", "share", "service", "priority", "network-config",
        "delete", "web-write", "trust", "log-clear", "timestamp", "profile",
        "database-write", "serve", "release", "elevate", "transcode", "pipeline",
        "document", "crawl", "checkout", "p2p", "osint", "mailbox", "teardown",
        "purchase", "build", "scaffold", "profiling", "model-run", "notebook",
        "device-link", "connect")
MUST_KNOW_ACTS = frozenset({"upload", "remote-delete", "remote", "remote-database", "forward",
                            "autostart", "flash", "submit", "setting", "mount", "firewall",
                            "ai-prompt", "account", "deploy", "provision", "teardown",
                            "purchase"})

_SSH_LIKE = frozenset({"ssh", "autossh", "mosh"})
_SSH_PRINT_ONLY = ("-G", "-Q", "-V")
_ALWAYS_REMOTE = frozenset({"telnet", "sshfs", "ssh-copy-id", "pssh", "parallel-ssh", "pscp",
                            "parallel-scp", "prsync", "parallel-rsync", "pslurp", "pdsh",
                            "clush", "salt", "salt-ssh", "rsh", "rlogin"})
_COPIERS = frozenset({"scp", "rsync", "sftp"})
# (program, verb) pairs whose verb, among the first plain words, acts on another machine
_REMOTE_VERBS = {
    "kubectl": frozenset({"exec", "attach", "cp", "debug"}),
    "oc": frozenset({"exec", "attach", "cp", "debug", "rsh", "rsync"}),
    "gcloud": frozenset({"ssh", "scp"}),  # gcloud compute ssh/scp, gcloud cloud-shell ssh
    "az": frozenset({"ssh"}),
    "aws": frozenset({"start-session", "send-command"}),  # aws ssm ...
}
_ANSIBLE = frozenset({"ansible", "ansible-playbook"})
_DB_CLIENTS = frozenset({"psql", "pg_dump", "pg_dumpall", "pg_restore", "pg_basebackup",
                         "mysql", "mariadb", "mysqldump", "mariadb-dump", "mysqladmin",
                         "mysqlbinlog", "mysqlimport", "mysqlshow", "mongo", "mongosh",
                         "mongodump", "mongorestore", "mongoexport", "mongoimport",
                         "mongostat", "mongotop", "redis-cli", "clickhouse-client",
                         "influx", "cqlsh"})
_DB_HOST_OPTIONS = ("-h", "--host", "--hostname")
_DB_URI = re.compile(r"^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?"
                     r"|clickhouse)://", re.IGNORECASE)
_FORWARD_OPTIONS = ("-L", "-R", "-D", "-w")
_FORWARD_CONFIG = re.compile(r"^(?:-o)?(?:Local|Remote|Dynamic)Forward", re.IGNORECASE)
_ALWAYS_FORWARD = frozenset({"sshuttle", "ngrok", "lt"})
# (program, the leading plain words that run a tunnel or forward), from each tool's reference
_TUNNEL_VERBS: dict[str, tuple[tuple[str, ...], ...]] = {
    "kubectl": (("port-forward",), ("proxy",)), "oc": (("port-forward",), ("proxy",)),
    "chisel": (("client",), ("server",)), "bore": (("local",), ("server",)),
    "code": (("tunnel",),), "devtunnel": (("host",),),
    "gcloud": (("compute", "start-iap-tunnel"),),
    "az": (("network", "bastion", "tunnel"),),
}
# VS Code's tunnel subcommands that only sign in, show, stop or forget a tunnel
_CODE_TUNNEL_MANAGE = frozenset({"user", "status", "kill", "prune", "unregister", "rename",
                                 "help"})
_FRP = frozenset({"frpc", "frps"})
_FRP_NOT_RUNNING = frozenset({"verify", "completion", "help", "-v", "--version", "-h",
                              "--help"})
# cloudflared's tunnel commands that only log in, create, list or manage a tunnel without
# running or routing it (Cloudflare Tunnel docs, 'cloudflared tunnel' commands), and its
# access commands that forward a local port to an application behind Access
_CLOUDFLARED_MANAGE = frozenset({"login", "create", "list", "info", "delete", "cleanup",
                                 "token", "vnet", "ingress", "diag", "update"})
_CLOUDFLARED_ACCESS = frozenset({"tcp", "rdp", "ssh", "smb"})
# tailscale funnel and serve: only show or turn off what is shared (Tailscale CLI reference)
_TAILSCALE_NO_SHARE = frozenset({"status", "reset", "off", "--help", "-h"})
_KILLERS = frozenset({"pkill", "killall", "skill", "xkill", "lxc-stop", "lxc-freeze",
                      "distrobox-stop"})
_KILL_NO_SIGNAL = ("-l", "-L", "--list", "--table", "-0", "-s0", "-SIG0")
_SYSTEMCTL_STOPS = frozenset({
    "stop", "restart", "try-restart", "reload-or-restart", "try-reload-or-restart", "kill",
    "isolate", "halt", "poweroff", "reboot", "kexec", "soft-reboot", "suspend", "hibernate",
    "hybrid-sleep", "suspend-then-hibernate", "emergency", "rescue"})
_CONTAINER_STOPS = frozenset({"stop", "kill", "restart", "pause", "down"})
_VM_STOPS = frozenset({"halt", "suspend", "destroy", "reload", "shutdown", "reboot", "reset",
                       "managedsave", "stop", "restart", "pause", "poweroff", "savestate",
                       "acpipowerbutton"})
# (manager, the verbs among its first plain words that stop, restart or pause what runs),
# from each manager's manual; for service-style managers the verb follows the name
_STOP_VERBS: dict[str, frozenset[str]] = {
    "systemctl": _SYSTEMCTL_STOPS,
    "service": frozenset({"stop", "restart", "force-reload", "force-stop"}),
    "rc-service": frozenset({"stop", "restart", "zap"}),
    "sv": frozenset({"down", "stop", "restart", "kill", "force-stop", "force-restart",
                     "force-shutdown", "pause", "exit", "shutdown"}),
    "supervisorctl": frozenset({"stop", "restart"}),
    "pm2": frozenset({"stop", "restart", "reload", "delete", "kill"}),
    "docker": _CONTAINER_STOPS, "podman": _CONTAINER_STOPS, "nerdctl": _CONTAINER_STOPS,
    "docker-compose": _CONTAINER_STOPS, "podman-compose": _CONTAINER_STOPS,
    "crictl": frozenset({"stop"}),
    "vagrant": _VM_STOPS, "virsh": _VM_STOPS, "multipass": _VM_STOPS, "lxc": _VM_STOPS,
    "incus": _VM_STOPS, "qm": _VM_STOPS, "pct": _VM_STOPS, "VBoxManage": _VM_STOPS,
    "vboxmanage": _VM_STOPS,
    **MACHINE_STOPS,  # the local machine managers' (gate.virtual_machines)
    "launchctl": frozenset({"stop", "bootout", "unload", "kill", "remove"}),
    "adb": frozenset({"reboot", "kill-server", "force-stop"}),  # adb shell am force-stop
    "fastboot": frozenset({"reboot"}),
    "xcrun": frozenset({"shutdown"}),  # xcrun simctl shutdown
    "brew": frozenset({"stop", "restart", "kill"}),  # brew services stop
    "tmux": frozenset({"kill-session", "kill-server", "kill-window", "kill-pane"}),
    "pg_ctl": frozenset({"stop", "restart", "kill"}),
    "pg_ctlcluster": frozenset({"stop", "restart"}),
    "mysqladmin": frozenset({"shutdown"}),
    "redis-cli": frozenset({"shutdown"}),
    "apachectl": frozenset({"stop", "graceful-stop", "restart", "graceful"}),
}
_WORKLOADS = frozenset({"pod", "pods", "po", "deployment", "deployments", "deploy",
                        "statefulset", "statefulsets", "sts", "daemonset", "daemonsets", "ds",
                        "replicaset", "replicasets", "rs", "job", "jobs"})
_POWER = frozenset({"shutdown", "reboot", "halt", "poweroff"})
_POWER_NO_STOP = ("-c", "-k", "--help", "--version")  # cancel, only warn


def _plain(seg: Segment, n: int = 4) -> list[str]:
    return [a for a in seg.argv[1:] if not a.startswith("-")][:n]


def _ssh_destination(seg: Segment) -> str:
    """ssh's destination: its first plain word (options with values make this an
    approximation; a wrong word is still a word of the call)."""
    words = _plain(seg, 1)
    return words[0] if words else ""


def _remote(seg: Segment) -> bool:
    head, argv = seg.head, seg.argv
    if head == "sshpass":  # sshpass runs the command after its own options
        inner = next((a for a in argv[1:] if a in _SSH_LIKE | _COPIERS), "")
        return bool(inner)
    if head in _SSH_LIKE:
        if any(a in _SSH_PRINT_ONLY for a in argv[1:]):
            return False
        destination = _ssh_destination(seg)
        return bool(destination) and not is_local_host(destination)
    if head in _ALWAYS_REMOTE:
        return len(argv) > 1 and not any(is_local_host(w) for w in _plain(seg, 1))
    if head in _COPIERS:
        sides = [m.group(1) for w in argv[1:] if not w.startswith("-")
                 for m in [REMOTE_PATH.match(w)] if m]
        sides += [urlparse(w).hostname or "" for w in argv[1:] if w.startswith(("rsync://",
                                                                                  "sftp://"))]
        if head == "sftp" and not sides:
            sides = [w.rpartition("@")[2] for w in _plain(seg, 1)]
        return any(h and not is_local_host(h) for h in sides)
    if head in _REMOTE_VERBS:
        return bool(set(_plain(seg)) & _REMOTE_VERBS[head])
    if head in _ANSIBLE:
        connection = option_values(argv, ("-c", "--connection"))
        return "local" not in connection and len(argv) > 1
    return opens_remote_session(seg)


def database_hosts(seg: Segment) -> list[str]:
    """The other machines a database or cache client is told to connect to."""
    if seg.head not in _DB_CLIENTS:
        return []
    hosts = list(option_values(seg.argv, _DB_HOST_OPTIONS))
    hosts += [urlparse(w).hostname or "" for w in seg.argv[1:] if _DB_URI.match(w)]
    return [h.lower() for h in hosts if h and not h.startswith("/") and not is_local_host(h)]


# Socket clients name the other machine as a plain operand, not a URL: nc(1) and ncat(1)
# ``[options] host port`` (``-l``/``--listen``: a local address to listen on instead),
# telnet(1) ``[host [port]]``; socat(1) in its addresses (``TCP:host:port``, ``TCP4:``,
# ``OPENSSL:``, ``UDP:``, their ``-CONNECT``, ``-SENDTO`` and ``-DATAGRAM`` forms...;
# ``-LISTEN`` addresses are local); ``openssl s_client
# -connect host:port``.
_SOCKET_CLIENTS = frozenset({"nc", "ncat", "netcat", "telnet"})
_LISTEN = ("-l", "--listen")
_HOST_NAME = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){3}|(?:[a-z0-9-]+\.)+[a-z]{2,})$",
                        re.IGNORECASE)
_SOCAT_ADDRESS = re.compile(r"^(?:tcp[46]?|udp[46]?|openssl|ssl|sctp[46]?|dccp[46]?)"
                            r"(?:-connect|-sendto|-datagram)?:([^:,\s]+):", re.IGNORECASE)


def socket_hosts(seg: Segment) -> list[str]:
    """The other machines a socket client (nc, ncat, telnet, socat, ``openssl s_client``)
    connects to, from its operands.

    >>> from neuroplast.gate.shell import split_command
    >>> [socket_hosts(s) for s in split_command(
    ...     "ncat --ssl docs.python.org 8080; nc -l -p 80; socat - TCP4:www.x.io:80; "
    ...     "telnet 10.0.0.7 23; openssl s_client -connect api.x.io:443")]
    [['docs.python.org'], [], ['www.x.io'], ['10.0.0.7'], ['api.x.io']]
    """
    head, argv = seg.head, seg.argv
    if head in _SOCKET_CLIENTS:
        if any(a in _LISTEN or (a.startswith("-") and not a.startswith("--") and "l" in a
                                and head != "telnet") for a in argv[1:]):
            return []
        hosts = [a.rpartition("@")[2] for a in argv[1:]
                 if not a.startswith("-") and _HOST_NAME.match(a.rpartition("@")[2])]
    elif head == "socat":
        hosts = [m.group(1) for a in argv[1:] if (m := _SOCAT_ADDRESS.match(a))]
    elif head == "openssl" and "s_client" in argv[1:2]:
        hosts = [v.rpartition(":")[0] or v for v in option_values(argv, ("-connect",))]
    else:
        return []
    return [h.lower() for h in hosts if not is_local_host(h)]


def _names_a_machine(seg: Segment) -> bool:
    """Whether a URL among ``seg``'s words, or a socket client's operand, names another
    machine (with a remote session or a database host: the act ``connect``)."""
    for word in seg.argv[1:]:
        for m in URL.finditer(word):
            host = url_host(m.group(0))
            if host and not is_local_host(host):
                return True
    return bool(socket_hosts(seg))


def _forwards(seg: Segment) -> bool:
    head, argv = seg.head, seg.argv
    if head in ("ssh", "autossh"):
        return any(a in _FORWARD_OPTIONS or (a[:2] in _FORWARD_OPTIONS and len(a) > 2
                                             and not a[2:].isalpha())
                   or _FORWARD_CONFIG.match(a) for a in argv[1:])
    if head in _ALWAYS_FORWARD:
        return not any(a in ("-h", "--help", "--version") for a in argv[1:])
    if head in _FRP:  # frp runs its client or server unless told to check or print
        return not any(a in _FRP_NOT_RUNNING for a in argv[1:])
    if head in _TUNNEL_VERBS:
        words = [w for w in after_global_options(head, argv) if not w.startswith("-")][:3]
        return (starts_with(words, _TUNNEL_VERBS[head])
                and not (head == "code" and bool(_CODE_TUNNEL_MANAGE.intersection(words[1:2]))))
    if head == "cloudflared":  # a tunnel run or routed, or a local port forwarded
        words = _plain(seg, 8)
        if words[:1] == ["access"]:
            return bool(_CLOUDFLARED_ACCESS.intersection(words[1:2]))
        return words[:1] == ["tunnel"] and (
            bool({"run", "route"}.intersection(words))
            or not _CLOUDFLARED_MANAGE.intersection(words))
    if head == "tailscale":  # funnel: from the internet; serve: from the tailnet
        words = _plain(seg, 2)
        return words[:1] in (["funnel"], ["serve"]) and not any(
            a in _TAILSCALE_NO_SHARE for a in (*words[1:], *argv[2:]))
    return False


def _stops(seg: Segment) -> bool:
    """Whether ``seg`` stops, restarts or pauses a service, container, virtual machine,
    device or the machine through its manager (``_STOP_VERBS``, the ``kill`` act)."""
    head, argv = seg.head, seg.argv
    if head in _POWER:
        return not any(a in _POWER_NO_STOP for a in argv[1:])
    if head == "kubectl":
        words = _plain(seg, 3)
        return (words[:1] == ["drain"] or words[:2] == ["rollout", "restart"]
                or (words[:1] == ["delete"] and bool(set(words[1:2]) & _WORKLOADS)))
    if head == "nginx":
        return any(a in ("stop", "quit") for a in option_values(argv, ("-s",)))
    if head in ("docker", "podman", "nerdctl") and "rm" in _plain(seg, 2):
        return any(a in ("-f", "--force") for a in argv[1:])  # a running container too
    verbs = _STOP_VERBS.get(head)
    return bool(verbs) and bool(set(_plain(seg)) & verbs)


def _kills(seg: Segment) -> bool:
    head, argv = seg.head, seg.argv
    if head in _KILLERS or _stops(seg):
        return True
    if head == "fuser":
        return any(a == "--kill" or (a.startswith("-") and not a.startswith("--")
                                     and "k" in a) for a in argv[1:])
    if head != "kill":
        return False
    if any(a in _KILL_NO_SIGNAL for a in argv[1:]):
        return False
    # a PID, a name, or after the first word a negative number (a process group)
    targets = [a for i, a in enumerate(argv[1:]) if not a.startswith("-")
               or (i and a[1:].isdigit())]
    return any(not t.startswith("%") for t in targets)


# git's sub-commands that rewrite, move or delete refs or history whatever their options
# (git-filter-branch(1), git-filter-repo(1), git-rebase(1), git-update-ref(1)), and
# git-extras' commands that do so (git-extras' Commands.md: squash, undo, obliterate,
# reauthor, stamp amend or drop commits; sync resets onto the remote; force-clone resets an
# existing clone; the rename and delete commands delete the old branch or tag, also on the
# remote; psykorebase rebases)
_GIT_REWRITES = frozenset({
    "filter-branch", "filter-repo", "rebase", "update-ref", "squash", "undo", "obliterate",
    "reauthor", "stamp", "sync", "force-clone", "rename-tag", "rename-branch",
    "delete-branch", "delete-tag", "delete-merged-branches", "delete-squashed-branches",
    "psykorebase"})
# options that make any of them only show, preview or undo a rewrite in progress; ``-n``
# is a dry run for push and prune alone (git-push(1), git-prune(1)), ``-d`` for lfs prune
_GIT_READ_ONLY = ("-h", "--help", "--dry-run", "--abort", "--show-current-patch",
                  "--analyze")
_DRY_RUN_SHORT = {"push": "-n", "prune": "-n", "lfs": "-d"}
_PUSH_REWRITES = ("-f", "--force", "--force-with-lease", "-d", "--delete", "--mirror",
                  "--prune")
_RESET_MODES = ("--soft", "--hard", "--mixed", "--keep", "--merge")
_REVISION = re.compile(r"^(?:[^\s/]+[~^]\d*.*|[0-9a-f]{7,40}|@\{.+\})$")
_HG_REWRITES = frozenset({"strip", "histedit", "rebase", "rollback", "prune", "amend"})


def _rewrites(seg: Segment) -> bool:
    """Whether ``seg`` rewrites, moves or deletes committed history or refs (the
    ``rewrite`` act)."""
    head, argv = seg.head, seg.argv
    if head == "bfg":  # BFG Repo-Cleaner: every run rewrites history
        return not any(a in ("--help", "--version") for a in argv[1:])
    if head == "hg":
        plain = _plain(seg, 1)
        return bool(plain) and (plain[0] in _HG_REWRITES
                                or (plain[0] == "commit" and "--amend" in argv))
    if head == "p4":  # p4 obliterate previews unless -y
        return "obliterate" in _plain(seg, 1) and "-y" in argv
    if head != "git":
        return False
    words = after_global_options("git", argv)
    if not words or any(a in _GIT_READ_ONLY for a in words[1:]):
        return False
    sub, rest = words[0], words[1:]
    if sub in _DRY_RUN_SHORT and _DRY_RUN_SHORT[sub] in rest:
        return False
    flags = [a.partition("=")[0] for a in rest if a.startswith("-")]
    plain = [a for a in rest if not a.startswith("-")]
    if sub in _GIT_REWRITES:
        return True
    if sub == "push":  # a "+" refspec forces, a ":dst" one deletes (git-push(1))
        return (any(f in _PUSH_REWRITES for f in flags)
                or any(a[:1] in ("+", ":") for a in plain[1:]))
    if sub == "reset":  # onto another commit moves the branch; paths alone only unstage
        before_paths = rest[:rest.index("--")] if "--" in rest else rest
        target = next((a for a in before_paths if not a.startswith("-")), "")
        return bool(target) and target not in ("HEAD", "@") and (
            any(f in _RESET_MODES for f in flags) or bool(_REVISION.match(target)))
    if sub == "commit":
        return "--amend" in flags
    if sub == "branch":
        return any(f in ("-d", "-D", "--delete", "-f", "--force", "-m", "-M", "--move")
                   for f in flags)
    if sub == "tag":  # git-tag(1): -m is the tag's message, not a move as git-branch's
        return any(f in ("-d", "--delete", "-f", "--force") for f in flags)
    if sub == "replace":
        return bool(plain) or any(f in ("-d", "--delete", "--edit", "--graft")
                                  for f in flags)
    if sub == "reflog":
        return plain[:1] in (["expire"], ["delete"])
    if sub == "prune":
        return True
    if sub == "gc":
        return any(a in ("--prune=now", "--prune=all") for a in rest)
    if sub == "stash":
        return plain[:1] in (["drop"], ["clear"])
    if sub in ("checkout", "switch"):
        return any(f in ("-B", "-C", "--force-create") for f in flags)
    if sub == "lfs":
        return plain[:1] == ["prune"] or (plain[:1] == ["migrate"]
                                          and plain[1:2] in (["import"], ["export"])
                                          and "--no-rewrite" not in flags)
    return False


_AUTOSTART_VERBS = {
    "launchctl": frozenset({"load", "bootstrap", "enable", "submit"}),
    "systemctl": frozenset({"enable", "link", "reenable"}),
    "update-rc.d": frozenset({"enable", "defaults"}),
    "chkconfig": frozenset({"on"}),
    "rc-update": frozenset({"add"}),
    "resticprofile": frozenset({"schedule"}),  # resticprofile's docs: installs the schedules
    "watchman": frozenset({"trigger"}),  # watchman's docs: a command run on every change
}
# (program, first plain word) -> the words after it that schedule: a cloud scheduler's job
_AUTOSTART_NESTED = {("velero", "schedule"): ("create",),
                     ("gcloud", "scheduler"): ("jobs", "create"),
                     ("aws", "scheduler"): ("create-schedule",)}
# systemd-run(1)'s timer options: the command runs later, from a transient timer
_SYSTEMD_RUN_TIMERS = ("--on-active", "--on-boot", "--on-startup", "--on-unit-active",
                       "--on-unit-inactive", "--on-calendar", "--on-clock-change",
                       "--on-timezone-change")
_CRONTAB_READ_ONLY = ("-l", "-r", "-V", "--help")  # list, remove (no new job), version
_AT_READ_ONLY = ("-l", "-r", "-d", "-c", "-V")  # atq, atrm, show a job, version


def _autostarts(seg: Segment) -> bool:
    head, argv, plain = seg.head, seg.argv, _plain(seg)
    if head in _AUTOSTART_VERBS:
        return bool(set(plain) & _AUTOSTART_VERBS[head])
    words = _AUTOSTART_NESTED.get((head, plain[0] if plain else ""))
    if words:
        return tuple(plain[1 : 1 + len(words)]) == words
    if head == "systemd-run":
        return names_option(argv[1:], _SYSTEMD_RUN_TIMERS)
    if head == "crontab":
        return len(argv) > 1 and not any(a in _CRONTAB_READ_ONLY for a in argv[1:])
    if head in ("at", "batch"):
        return not any(a in _AT_READ_ONLY for a in argv[1:]) and (
            head == "batch" or len(argv) > 1)
    return False


_CLEARS_OUTPUT = ("--clear-output", "--ClearOutputPreprocessor.enabled=True")


def _discards(seg: Segment) -> bool:
    head, argv = seg.head, seg.argv
    if head == "jupyter":
        return "nbconvert" in argv[1:2] and "--inplace" in argv and any(
            a in _CLEARS_OUTPUT for a in argv)
    if head != "git":
        return False
    words = after_global_options("git", argv)
    if not words:
        return False
    sub, rest = words[0], words[1:]
    flags = [a for a in rest if a.startswith("-")]
    plain = [a for a in rest if not a.startswith("-")]
    forced = any(a in ("-f", "--force") for a in flags)
    if sub == "reset":
        return "--hard" in flags
    if sub == "checkout":
        return forced or "--" in rest[:-1] or names_files(plain)
    if sub == "restore":
        staged_only = any(a in ("-S", "--staged") for a in flags) and not any(
            a in ("-W", "--worktree") or (a.startswith("-") and not a.startswith("--")
                                          and "W" in a) for a in flags)
        return bool(plain) and not staged_only
    if sub == "switch":
        return forced or "--discard-changes" in flags
    if sub == "clean":
        return not any(a in ("-n", "--dry-run") for a in flags) and any(
            a == "--force" or (not a.startswith("--") and "f" in a) for a in flags)
    if sub == "stash":
        return bool(plain) and plain[0] in ("drop", "clear")
    if sub == "branch":
        return "-D" in flags or (forced and any(a in ("-d", "--delete") for a in flags))
    return False


# each act read by one predicate of the segment, in the order of ACTS
_READERS: tuple[tuple[str, Callable[[Segment], object]], ...] = (
    ("forward", _forwards), ("kill", _kills), ("discard", _discards), ("rewrite", _rewrites),
    ("capture", captures), ("package", changes_packages), ("message", sends_message),
    ("open", opens_for_viewing), ("autostart", _autostarts), ("flash", writes_device),
    ("submit", submits_job), ("setting", changes_settings), ("mount", mounts),
    ("firewall", changes_firewall), ("ai-prompt", sends_ai_prompt), ("clipboard", uses_clipboard),
    ("sign", signs), ("extract", extracts), ("purge", purges_cache), ("account", changes_accounts),
    ("deploy", deploys), ("provision", provisions), ("load", generates_load),
    ("encrypt", encrypts), ("permission", changes_permissions), ("sniff", captures_traffic),
    ("attach", attaches), ("dump", dumps_data), ("dns", changes_dns), ("secret", writes_secret),
    ("in-place", rewrites_in_place), ("commit", commits), ("login", logs_in),
    ("join", joins_network), ("kernel", changes_kernel), ("keygen", makes_key),
    ("certificate", issues_certificate), ("restore", restores), ("start", starts_service),
    ("print", prints), ("input", drives_desktop), ("destroy", destroys),
    ("scan", scans), ("play", plays_sound), ("detach", detaches), ("rename", renames),
    ("archive", archives), ("link", links), ("log", reads_logs), ("enqueue", enqueues),
    ("image", builds_image), ("backup", backs_up), ("disk", changes_disks),
    ("vm", changes_vm), ("boot", changes_boot), ("policy", changes_security_policy),
    ("share", shares), ("service", changes_service), ("priority", changes_priority),
    ("network-config", changes_network_config), ("delete", deletes_files),
    ("web-write", writes_to_web), ("trust", changes_trust),
    ("log-clear", clears_logs), ("timestamp", sets_timestamp),
    ("profile", changes_profile), ("database-write", writes_database), ("serve", serves),
    ("release", cuts_release), ("elevate", elevates), ("transcode", transcodes),
    ("pipeline", starts_pipeline), ("document", reworks_document), ("crawl", crawls),
    ("checkout", checks_out), ("p2p", joins_swarm), ("osint", searches_people),
    ("mailbox", reads_mail), ("teardown", tears_down), ("purchase", purchases),
    ("build", builds), ("scaffold", scaffolds), ("profiling", profiles),
    ("model-run", runs_model), ("notebook", runs_notebook), ("device-link", links_device),
)


def acts(seg: Segment) -> tuple[str, ...]:
    """The acts of :data:`ACTS` that ``seg`` performs, in that order."""
    found = []
    if saves_from_network(seg):
        found.append("download")
    moved = directions(seg)
    if "up" in moved:
        found.append("upload")
    if "remote-delete" in moved:
        found.append("remote-delete")
    remote, database = _remote(seg), bool(database_hosts(seg))
    if remote:
        found.append("remote")
    if database:
        found.append("remote-database")
    found.extend(act for act, reads in _READERS if reads(seg))
    if remote or database or _names_a_machine(seg):
        found.append("connect")
    return tuple(found)
