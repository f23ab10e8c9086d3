"""Calls that put a message on a machine queue, topic or event bus for other programs to
act on.

A message on a queue is taken by consumers the user does not see: an order is fulfilled,
a device switches, a downstream job runs, and once a consumer has taken it the message
cannot be called back (Kafka's design documentation: the log is append-only and every
consumer group reads it; Amazon SQS' developer guide: a received message is processed by
whichever consumer received it; MQTT 5.0 3.3.1.3: a retained message is delivered to every
future subscriber; ATT&CK for ICS T0855 'Unauthorized Command Message'). A user's view of
this is one view whatever client publishes: someone who stops letting the agent run
``mosquitto_pub`` after a test message moved a real actuator stops it for
``kafka-console-producer``, ``aws sqs send-message`` and ``redis-cli PUBLISH`` alike. So
it is an act across programs (``gate.acts``: ``* enqueue``). Messages that people read
are the ``message`` act; this one is its complement, messages to programs. Each client is
read from its own manual; subscribing, consuming, listing and describing, help and
versions are not the act:

- MQTT: mosquitto_pub(1), HiveMQ's ``mqtt pub``, ``mqttx pub``;
- Kafka and its kin: ``kafka-console-producer`` (also ``.sh``), the Avro and Protobuf
  console producers, kcat/kafkacat with ``-P``, ``kaf produce``, Redpanda's ``rpk topic
  produce``, ``pulsar-client produce``, NSQ's ``to_nsq``;
- NATS: ``nats pub|publish|req|request``;
- Redis: ``redis-cli`` with ``PUBLISH``, ``SPUBLISH`` or ``XADD`` (any case);
- AMQP: ``rabbitmqadmin publish``, ``amqp-publish``;
- task queues: Celery's ``call``, RQ's ``rq enqueue``;
- clouds: ``aws sqs send-message|send-message-batch``, ``aws sns publish|publish-batch``,
  ``aws kinesis put-record|put-records``, ``aws firehose put-record|put-record-batch``,
  ``aws events put-events``, ``aws iot-data publish``, ``gcloud pubsub topics publish``,
  ``gcloud tasks create-http-task|create-app-engine-task``, ``az iot device c2d-message
  send``.

>>> from neuroplast.gate.shell import split_command
>>> [enqueues(s) for s in split_command(
...     "mosquitto_pub -t plant/valve/3 -m open; mosquitto_sub -t plant/#; "
...     "kcat -P -b k:9092 -t orders; kcat -C -b k:9092 -t orders; redis-cli publish jobs go; "
...     "redis-cli get jobs; aws sqs send-message --queue-url q --message-body x; "
...     "aws sqs receive-message --queue-url q")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["enqueues"]

_NOT_RUN = frozenset({"--help", "--version"})
_ALWAYS = frozenset({"mosquitto_pub", "kafka-console-producer", "kafka-console-producer.sh",
                     "kafka-avro-console-producer", "kafka-protobuf-console-producer",
                     "to_nsq", "amqp-publish"})
_PUBLISH = frozenset({"pub", "publish"})
# program -> (the words that lead to a verb, the verbs that publish), each from its manual;
# the words are the sub-command and the plain words after it
_PUBLISHES: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "mqtt": (((), _PUBLISH),), "mqttx": (((), _PUBLISH),),
    "nats": (((), frozenset({*_PUBLISH, "req", "request"})),),
    "kaf": (((), frozenset({"produce"})),), "pulsar-client": (((), frozenset({"produce"})),),
    "rabbitmqadmin": (((), frozenset({"publish"})),), "celery": (((), frozenset({"call"})),),
    "rq": (((), frozenset({"enqueue"})),), "rpk": ((("topic",), frozenset({"produce"})),),
    "aws": ((("sqs",), frozenset({"send-message", "send-message-batch"})),
            (("sns",), frozenset({"publish", "publish-batch"})),
            (("kinesis",), frozenset({"put-record", "put-records"})),
            (("firehose",), frozenset({"put-record", "put-record-batch"})),
            (("events",), frozenset({"put-events"})), (("iot-data",), frozenset({"publish"}))),
    "gcloud": ((("pubsub", "topics"), frozenset({"publish"})),
               (("tasks",), frozenset({"create-http-task", "create-app-engine-task"}))),
    "az": ((("iot", "device", "c2d-message"), frozenset({"send"})),),
}
_REDIS_PUBLISH = frozenset({"publish", "spublish", "xadd"})
# options that take a value, before the command (redis-cli(1), celery's reference); the
# others' are in executed.GLOBAL_OPTIONS
_VALUES = {"celery": frozenset({"-A", "--app", "-b", "--broker", "--result-backend", "--loader",
                                "--config", "--workdir"}),
           "redis-cli": frozenset({"-h", "-p", "-s", "-a", "-u", "-r", "-i", "-n", "-d", "-D",
                                   "-t", "--user", "--pass", "--cacert", "--cacertdir", "--cert",
                                   "--key", "--sni", "--tls-ciphers", "--tls-ciphersuites",
                                   "--rdb", "--functions-rdb", "--pipe-timeout", "--pattern",
                                   "--count", "--eval", "--memkeys-samples"})}

_PROGRAMS = frozenset({*_ALWAYS, *_PUBLISHES, "kcat", "kafkacat", "redis-cli"})


def enqueues(seg: Segment) -> bool:
    """Whether ``seg`` puts a message on a machine queue, topic or event bus (the
    ``enqueue`` act)."""
    head, words = seg.head, seg.argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    if head in _ALWAYS:
        return True
    if head in ("kcat", "kafkacat"):
        return has_short_option(words, "P")
    plain = operands(seg.argv, _VALUES.get(head) or global_values(head))
    if head == "redis-cli":  # redis-cli [options] COMMAND ARGS; commands in any case
        return bool(plain) and plain[0].lower() in _REDIS_PUBLISH
    return leads_to(plain, _PUBLISHES[head])
