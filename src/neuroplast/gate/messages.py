"""Calls that send a message to people: mail, chat, texts, notifications, forge posts.

A message, once sent, is read by people the user cannot take it back from: a draft mailed
to the wrong address, a channel with a guest in it, a comment on a public issue. A user's
view of this is one view whatever carries the message: someone who stops letting the agent
send mail with ``msmtp`` after one went to the wrong person stops it for ``mailx``,
``swaks``, a Slack upload, a WhatsApp text and a new pull request's description alike. So
it is an act across programs (``gate.acts``: ``* message``). Each tool is read from its own
manual; reading a mailbox, listing issues, previews and dry runs send nothing, nor does a
notification on this machine's own desktop (``notify-send``), nor a message to a machine
queue (SQS, Pub/Sub, MQTT), which no person reads:

- mail: mail(1), mailx(1), s-nail(1), mutt(1) and neomutt with a recipient or a compose
  option (``-s`` subject, ``-c``/``-b`` copies, ``-a`` attachment, mutt's ``-H`` draft);
  sendmail(8), ssmtp(8), msmtp(1) and esmtp, unless only printing or testing their queue
  or setup (``-bp``, ``-bt``, ``-bv``, ``--serverinfo``); swaks (every run delivers a
  test message, unless it quits before the data); ``git send-email`` (not
  ``--dry-run``); ``b4 send`` (not ``-d``/``--dry-run``, nor ``-o``, which writes the
  patches to a folder); ``postfix flush``, ``postqueue -f|-i``: queued mail delivered;
  ``curl`` with ``--mail-rcpt`` or an ``smtp://`` URL;
- mail and text services: ``aws ses|sesv2 send-*``, ``aws sns publish`` (AWS CLI
  reference: 'a message to an Amazon SNS topic, a text message (SMS message) directly to a
  phone number'), ``aws pinpoint send-messages``, ``twilio api:core:messages:create``,
  ``resend emails send``;
- chat and push: slackcat, ``slack chat send``, ``ntfy publish|pub|send|trigger``, ntfyme,
  apprise, telegram-send, tgsend, ``signal-cli send``, ``wacli send``, ``openclaw message
  send``, matrix-commander with a message or file, ``mmctl post create``, ``toot post``,
  twurl with a POST (the request is the post); a request to a chat or mail service's
  message endpoint (Slack, Discord, Teams and Google Chat webhooks, the Telegram Bot API,
  ntfy.sh, Pushover, Twilio, SendGrid, Mailgun, Resend, Postmark);
- other people's terminals: wall(1), write(1), talk(1), ytalk;
- posts on a forge or tracker, read by everyone who follows it: ``gh issue create|comment``,
  ``gh pr create|comment``, ``gh pr review`` with a body or a comment, ``glab mr|issue
  create|note``, ``tea issues|pulls create``, ``tea comment``, ``hub issue create``, ``hub
  pull-request``, ``jira issue create|comment``; not with ``--web``, which only opens the
  form in a browser for the user to send.

>>> from neuroplast.gate.shell import split_command
>>> [sends_message(s) for s in split_command(
...     "mailx -s hi bob@x.io; mail -f ~/mbox; msmtp bob@x.io; sendmail -bp; gh pr create -t x; "
...     "gh pr list; gh pr create --web; wall hello; notify-send done; "
...     "curl -X POST https://hooks.slack.com/services/T/B/X -d '{}'")]
[True, False, True, False, True, False, False, True, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, operands, option_values
from neuroplast.gate.paths import HTTP_CLIENTS, http_request_urls
from neuroplast.gate.shell import Segment

__all__ = ["sends_message"]

# mail(1)/mailx(1)/s-nail(1) and mutt(1): options that compose a message, and options that
# take a value (so the word after them is no recipient)
_MAILERS = frozenset({"mail", "mailx", "s-nail", "nail", "bsd-mailx", "mutt", "neomutt"})
_COMPOSE = frozenset({"-s", "--subject", "-c", "--cc", "-b", "--bcc", "-a", "--attach", "-H",
                      "-i"})
_MAIL_VALUES = frozenset({"-s", "--subject", "-c", "--cc", "-b", "--bcc", "-a", "--attach",
                          "-A", "--account", "-r", "--from-address", "-S", "--set", "-q",
                          "--quote-file", "-f", "--file", "-u", "--user", "-F", "-e", "-m",
                          "-H", "-i", "-T"})
_MTAS = frozenset({"sendmail", "ssmtp", "msmtp", "esmtp", "msmtpq"})
# sendmail(8) -bp (print the queue, as mailq), -bt (address test), -bv (verify), -bi
# (rebuild aliases); msmtp(1) --serverinfo, -P/--pretend (print the configuration)
_MTA_NO_SEND = frozenset({"-bp", "-bt", "-bv", "-bi", "--serverinfo", "-S", "-P", "--pretend"})
_NO_SEND = frozenset({"-h", "--help", "--version", "--dry-run"})
_WEB_FORM = frozenset({"--web", "-w"})  # gh, glab: the form opened in a browser, not sent
# (program, command) -> its nested commands that send a message
_COMMANDS: dict[tuple[str, str], frozenset[str]] = {
    ("gh", "issue"): frozenset({"create", "new", "comment"}),
    ("gh", "pr"): frozenset({"create", "new", "comment"}),
    ("glab", "mr"): frozenset({"create", "new", "note", "comment"}),
    ("glab", "issue"): frozenset({"create", "new", "note", "comment"}),
    ("tea", "issues"): frozenset({"create"}),
    ("tea", "issue"): frozenset({"create"}),
    ("tea", "pulls"): frozenset({"create"}),
    ("tea", "pr"): frozenset({"create"}),
    ("hub", "issue"): frozenset({"create"}),
    ("jira", "issue"): frozenset({"create", "comment"}),
    ("aws", "ses"): frozenset({"send-email", "send-raw-email", "send-templated-email",
                               "send-bulk-templated-email", "send-bounce",
                               "send-custom-verification-email"}),
    ("aws", "sesv2"): frozenset({"send-email", "send-bulk-email",
                                 "send-custom-verification-email"}),
    ("aws", "sns"): frozenset({"publish", "publish-batch"}),
    ("aws", "pinpoint"): frozenset({"send-messages", "send-users-messages"}),
    ("aws", "pinpoint-sms-voice-v2"): frozenset({"send-text-message", "send-voice-message"}),
    ("resend", "emails"): frozenset({"send"}),
    ("slack", "chat"): frozenset({"send"}),
    ("openclaw", "message"): frozenset({"send"}),
    ("mmctl", "post"): frozenset({"create"}),
}
# program -> its commands that send
_VERBS: dict[str, frozenset[str]] = {
    "ntfy": frozenset({"publish", "pub", "send", "trigger"}),
    "signal-cli": frozenset({"send"}),
    "wacli": frozenset({"send"}),
    "toot": frozenset({"post"}),
    "tea": frozenset({"comment", "c"}),
    "hub": frozenset({"pull-request"}),
    "twilio": frozenset({"api:core:messages:create"}),
    "git": frozenset({"send-email"}),
    "b4": frozenset({"send"}),
}
# tools whose every run (with an argument or input) sends: to a channel, a phone, a
# terminal
_ALWAYS = frozenset({"slackcat", "ntfyme", "apprise", "telegram-send", "tgsend", "wall",
                     "write", "talk", "ytalk", "swaks"})
_GH_REVIEW_BODY = frozenset({"-b", "--body", "-F", "--body-file", "-c", "--comment", "-r",
                             "--request-changes"})
_MATRIX_CONTENT = frozenset({"-m", "--message", "-f", "--file", "-i", "--image", "-a",
                             "--audio"})
# message endpoints of chat, push, text and mail services (their API references)
_MESSAGE_ENDPOINT = re.compile(
    r"^https?://(?:hooks\.slack\.com/|(?:canary\.|ptb\.)?discord(?:app)?\.com/api/webhooks/"
    r"|[\w.-]*webhook\.office\.com/|outlook\.office\.com/webhook|chat\.googleapis\.com/"
    r"|api\.telegram\.org/bot|ntfy\.sh/|api\.pushover\.net/|api\.twilio\.com/.*/Messages"
    r"|api\.sendgrid\.com/v3/mail/send|api\.(?:eu\.)?mailgun\.net/.*/messages"
    r"|api\.resend\.com/emails|api\.postmarkapp\.com/email)", re.IGNORECASE)


def _mail_sends(argv: tuple[str, ...]) -> bool:
    """mail(1), mailx(1), mutt(1): a compose option or a recipient sends; ``-f``/``-u``
    alone read a mailbox."""
    return names_option(argv[1:], _COMPOSE) or bool(
        operands(argv, _MAIL_VALUES))


def sends_message(seg: Segment) -> bool:
    """Whether ``seg`` sends a message to people (the ``message`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NO_SEND):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _MAILERS:
        return _mail_sends(argv)
    if head in _MTAS:
        return not any(a in _MTA_NO_SEND for a in words)
    if head in _ALWAYS:  # without arguments they take the message from standard input
        return True
    # the command among the first two plain words (``signal-cli -a NUMBER send``)
    if head in _VERBS and _VERBS[head].intersection(plain[:2]):
        return not (head == "b4" and any(a in ("-d", "-o", "--output-dir") for a in words))
    if head == "postqueue":
        return any(a in ("-f", "-i") for a in words)
    if head == "postfix":
        return plain[:1] == ["flush"]
    if head in ("gh", "glab") and any(a in _WEB_FORM for a in words):
        return False
    if head == "gh" and plain[:2] == ["pr", "review"]:
        return names_option(words, _GH_REVIEW_BODY)
    if head == "matrix-commander":
        return names_option(words, _MATRIX_CONTENT)
    if head == "twurl":
        return any(a in ("-d", "--data") for a in words) or "POST" in (
            v.upper() for v in option_values(argv, ("-X", "--request")))
    if head in HTTP_CLIENTS:
        urls = http_request_urls(head, words)
        mails = head == "curl" and (
            any(a.partition("=")[0] == "--mail-rcpt" for a in words)
            or any(u.startswith(("smtp://", "smtps://")) for u in urls))
        return mails or any(_MESSAGE_ENDPOINT.match(u) for u in urls)
    nested = _COMMANDS.get((head, plain[0] if plain else ""))
    return bool(nested) and (plain[1] if len(plain) > 1 else "") in nested
