"""Runs moto's server with the three changes the local stack needs.

1. DynamoDB requests are applied one at a time. moto's server is threaded and its
   DynamoDB backend does not lock a read-check-write, so two conditional writes on one
   key could both succeed; a failed transaction restores whole-table copies and can
   lose other threads' writes. One lock around every DynamoDB_* request makes each
   request atomic, as DynamoDB is. Other services stay concurrent (an SQS long poll must
   not block the rest).
2. Lambda Invoke (POST /2015-03-31/functions/{name}/invocations) is forwarded to the
   local runner, which runs the project's real Java handler. moto cannot run Lambda
   code without Docker, and Step Functions' lambda:invoke tasks arrive here.
3. A failed transaction puts back only the items it touched. moto deep-copies every table a
   TransactWriteItems names before it starts, to swap the copies back on failure: the cost grows
   with the tables (a two-table transaction took 163 ms with 4,000 items a table, against 1.6 ms
   with item rollback; bench/moto_transactions.py), and the registry behind moto's dashboard
   (moto.core.model_instances) kept every copy alive (about 5 GB after 300 eight-item
   transactions on a 2,400-item table). Under the DynamoDB lock nothing else writes meanwhile, so
   saving the touched items first and restoring them on failure is the same rollback. DynamoDB's
   models also leave the registry after each request (only the /moto-api dashboard reads it).

4. Every DynamoDB request is counted by operation, table, index and partition key value
   (GET /_local/dynamo-counts answers the counts as JSON, DELETE starts them again), so a
   benchmark can say how often one item or partition is read or written, e.g. a schedule's seat
   state while a crowd polls its seat status (bench/seatmap.sh). Every table here has the
   partition key `pk`; a Query names its partition in its KeyConditionExpression.
5. Every request is counted by kind (`dynamodb:<Operation>`, `stepfunctions:<Action>`,
   `sqs:<Action>`, `sesv2:<operation>`, `lambda:Invoke` for the state machines' Lambda tasks,
   `other`; GET /_local/request-counts, with the seconds spent answering them: wall time, which for
   `lambda:Invoke` includes the runner's work, and excludes the executions StartExecution starts
   in the background), and every DynamoDB item key (table, index, pk, sk) by
   reads, writes and the read and write units DynamoDB would bill for them (GET
   /_local/dynamo-keys; DELETE resets either). Sizes follow DynamoDB's documented item size
   (attribute names + values, `item_size`); a write is billed by the larger of the item before and
   after it, read in-process from moto's backend under the DynamoDB lock, and also counts on each
   global index whose copy of the item changes; a Query or Scan counts once per partition (sk
   null) by the size of the items it returned. The rush benchmark's hot-key report reads these.

5. Step Functions' StartSyncExecution (an Express machine run synchronously, POST /payments/confirm)
   is emulated: moto 5.2.5 has none. The request starts the execution on moto by StartExecution (same
   machine, name and input) and waits in this process for its end (moto's execution worker tells a
   condition when it terminates; no polling over HTTP), then answers in StartSyncExecution's shape
   (status SUCCEEDED | FAILED | TIMED_OUT, output, error, cause, startDate, stopDate). The
   optimized integration arn:aws:states:::states:startExecution.sync:2 (the hold timer runs the
   payment steps with it) gets its parameters and answer in the API's spelling, which moto's
   interpreter leaves out (it calls boto3 with StateMachineArn and reads ExecutionArn).

Usage: moto_launcher.py --port 5050 [--lambda-url http://127.0.0.1:3001]
"""
import argparse
import base64
import copy
import io
import json
import logging
import math
import os
import re
import threading
import time
import types
import urllib.error
import urllib.parse
import urllib.request

import moto.dynamodb.models as dynamodb_models
from moto.core.model_instances import model_data
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

LAMBDA_INVOKE_PREFIX = "/2015-03-31/functions/"
FAULTS_PATH = "/_local/faults"
COUNTS_PATH = "/_local/dynamo-counts"
REQUEST_COUNTS_PATH = "/_local/request-counts"
KEY_COUNTS_PATH = "/_local/dynamo-keys"
TARGET_SERVICES = {"DynamoDB": "dynamodb", "AWSStepFunctions": "stepfunctions", "AmazonSQS": "sqs"}
SESV2_OPERATIONS = {("POST", "outbound-emails"): "SendEmail", ("POST", "outbound-bulk-emails"): "SendBulkEmail",
                    ("POST", "identities"): "CreateEmailIdentity"}
PARTITION_KEY = "pk"
KEY_CONDITION = re.compile(r"^\s*\(?\s*(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)")


def _value(attribute):
    """The text of a key attribute value ({"S": "SCHED#1"} -> "SCHED#1"), or None."""
    if not isinstance(attribute, dict) or not attribute:
        return None
    return str(next(iter(attribute.values())))


def _query_partition(request):
    """The partition a Query reads: the value its KeyConditionExpression sets the hash key to."""
    match = KEY_CONDITION.match(request.get("KeyConditionExpression") or "")
    if not match:
        return None
    return _value((request.get("ExpressionAttributeValues") or {}).get(match.group(2)))


def counted_keys(operation, request):
    """(operation, table, index, partition key value) for each item or partition the request names."""
    table = request.get("TableName")
    if operation in ("GetItem", "PutItem", "UpdateItem", "DeleteItem"):
        key = request.get("Key") or request.get("Item") or {}
        return [(operation, table, None, _value(key.get(PARTITION_KEY)))]
    if operation == "Query":
        return [(operation, table, request.get("IndexName"), _query_partition(request))]
    if operation == "Scan":
        return [(operation, table, request.get("IndexName"), None)]
    if operation == "BatchGetItem":
        return [(operation, name, None, _value(key.get(PARTITION_KEY)))
                for name, spec in (request.get("RequestItems") or {}).items() for key in spec.get("Keys", [])]
    if operation == "BatchWriteItem":
        out = []
        for name, writes in (request.get("RequestItems") or {}).items():
            for write in writes:
                kind, spec = next(iter(write.items()))
                key = spec.get("Key") or spec.get("Item") or {}
                out.append((operation + ":" + kind, name, None, _value(key.get(PARTITION_KEY))))
        return out
    if operation in ("TransactWriteItems", "TransactGetItems"):
        out = []
        for entry in request.get("TransactItems") or []:
            kind, spec = next(iter(entry.items()))
            key = spec.get("Key") or spec.get("Item") or {}
            out.append((operation + ":" + kind, spec.get("TableName"), None, _value(key.get(PARTITION_KEY))))
        return out
    return [(operation, table, None, None)]


KIB = 1024
READ_BLOCK = 4 * KIB
WRITE_BLOCK = KIB


def _number_size(text):
    """DynamoDB's size of a number: 1 byte per two significant digits, plus 1."""
    digits = text.lstrip("-+").split("e")[0].split("E")[0].replace(".", "").strip("0")
    return (max(len(digits), 1) + 1) // 2 + 1


def attribute_size(value):
    """The bytes DynamoDB counts for one attribute value in its JSON form ({"S": "x"}, {"N": "12"}, ...):
    strings and binaries their UTF-8 / raw length, numbers by significant digits, booleans and nulls
    1 byte, lists and maps 3 bytes plus 1 byte and the size of each element (a map's keys counted as
    names), sets the sum of their elements."""
    kind, inner = next(iter(value.items()))
    if kind == "S":
        return len(inner.encode("utf-8"))
    if kind == "N":
        return _number_size(str(inner))
    if kind == "B":
        return len(_binary(inner))
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(v.encode("utf-8")) for v in inner)
    if kind == "NS":
        return sum(_number_size(str(v)) for v in inner)
    if kind == "BS":
        return sum(len(_binary(v)) for v in inner)
    if kind == "L":
        return 3 + sum(1 + attribute_size(v) for v in inner)
    if kind == "M":
        return 3 + sum(1 + len(k.encode("utf-8")) + attribute_size(v) for k, v in inner.items())
    raise ValueError("unknown attribute type " + kind)


def _binary(value):
    if isinstance(value, (bytes, bytearray)):
        return value
    return base64.b64decode(value)


def item_size(attributes):
    """An item's size as DynamoDB bills it: every attribute's name (UTF-8) plus its value."""
    if not attributes:
        return 0
    return sum(len(name.encode("utf-8")) + attribute_size(value) for name, value in attributes.items())


def write_units(size, transactional=False):
    """Write units of one item write: 1 per started KB (at least 1), doubled inside a transaction."""
    units = max(1, math.ceil(size / WRITE_BLOCK))
    return float(units * (2 if transactional else 1))


def read_units(size, consistent=True, transactional=False):
    """Read units of reading `size` bytes (one item, or what one Query or Scan page returned): 1 per
    started 4 KB (at least 1), half when eventually consistent, doubled in a transaction."""
    units = float(max(1, math.ceil(size / READ_BLOCK)))
    if transactional:
        return units * 2
    return units if consistent else units / 2


def request_kind(environ):
    """What a request asks: `<service>:<action>` for the services the stack uses, else `other`."""
    path = environ.get("PATH_INFO", "")
    if path.startswith(LAMBDA_INVOKE_PREFIX) and path.endswith("/invocations"):
        return "lambda:Invoke"
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        prefix, _, action = target.partition(".")
        service = TARGET_SERVICES.get(prefix.split("_", 1)[0])
        return f"{service}:{action}" if service and action else "other"
    if path.startswith("/v2/email/"):
        resource = path.split("/")[3] if len(path.split("/")) > 3 else ""
        method = environ.get("REQUEST_METHOD", "")
        return "sesv2:" + SESV2_OPERATIONS.get((method, resource), f"{method} {resource}")
    return "other"


def _find_table(name):
    for regions in dynamodb_models.dynamodb_backends.values():
        for backend in regions.values():
            table = backend.tables.get(name)
            if table is not None:
                return table
    return None


def _stored(table, key):
    """The stored item under `key` (DynamoDB JSON of its key attributes) as DynamoDB JSON, or None."""
    if table is None or table.hash_key_attr not in key:
        return None
    range_value = None
    if table.range_key_attr is not None:
        if table.range_key_attr not in key:
            return None
        range_value = DynamoType(key[table.range_key_attr])
    try:
        item = table.get_item(DynamoType(key[table.hash_key_attr]), range_value)
    except Exception:  # a malformed key: moto answers the client with its own error
        return None
    return None if item is None else json.loads(json.dumps(item.to_json()["Attributes"], default=str))


class Touch:
    """One item a request reads or writes, with what it was before the request."""

    def __init__(self, table_name, key, write, consistent=True, transactional=False):
        self.table_name, self.key, self.write = table_name, key, write
        self.consistent, self.transactional = consistent, transactional
        self.table = _find_table(table_name)
        self.before = _stored(self.table, key) if write else None


def touched_items(operation, request):
    """The items a key-addressed request reads or writes (Query and Scan are counted from their answer)."""
    if operation == "GetItem":
        return [Touch(request.get("TableName"), request.get("Key") or {}, False,
                      bool(request.get("ConsistentRead")))]
    if operation in ("PutItem", "UpdateItem", "DeleteItem"):
        return [Touch(request.get("TableName"), request.get("Key") or request.get("Item") or {}, True)]
    if operation == "BatchGetItem":
        return [Touch(name, key, False, bool(spec.get("ConsistentRead")))
                for name, spec in (request.get("RequestItems") or {}).items() for key in spec.get("Keys", [])]
    if operation == "BatchWriteItem":
        out = []
        for name, writes in (request.get("RequestItems") or {}).items():
            for write in writes:
                _, spec = next(iter(write.items()))
                out.append(Touch(name, spec.get("Key") or spec.get("Item") or {}, True))
        return out
    if operation in ("TransactWriteItems", "TransactGetItems"):
        out = []
        for entry in request.get("TransactItems") or []:
            _, spec = next(iter(entry.items()))
            out.append(Touch(spec.get("TableName"), spec.get("Key") or spec.get("Item") or {},
                             operation == "TransactWriteItems", True, True))
        return out
    return []


def _index_key(index, attributes):
    if not attributes:
        return None
    values = [_value(attributes.get(name)) for name in index.schema_key_attrs]
    return None if any(v is None for v in values) else tuple(values + [None] * (2 - len(values)))


def _projected_size(table, index, attributes):
    projection = (index.projection or {}).get("ProjectionType", "ALL")
    if projection == "ALL":
        return item_size(attributes)
    kept = set(index.schema_key_attrs) | {table.hash_key_attr, table.range_key_attr}
    if projection == "INCLUDE":
        kept |= set(index.projection.get("NonKeyAttributes", []))
    return item_size({k: v for k, v in attributes.items() if k in kept})


class KeyCounts:
    """Reads, writes and billed units per item key (table, index, pk, sk); changed under the DynamoDB lock."""

    def __init__(self):
        self.rows = {}

    def add(self, table, index, pk, sk, reads=0, writes=0, read_units=0.0, write_units=0.0):
        row = self.rows.setdefault((table, index, pk, sk), [0, 0, 0.0, 0.0])
        row[0] += reads
        row[1] += writes
        row[2] += read_units
        row[3] += write_units

    def count_touched(self, touches):
        for touch in touches:
            table = touch.table
            hash_name = table.hash_key_attr if table else PARTITION_KEY
            range_name = table.range_key_attr if table else None
            pk, sk = _value(touch.key.get(hash_name)), _value(touch.key.get(range_name)) if range_name else None
            after = _stored(table, touch.key)
            if not touch.write:
                self.add(touch.table_name, None, pk, sk, reads=1,
                         read_units=read_units(item_size(after), touch.consistent, touch.transactional))
                continue
            size = max(item_size(touch.before), item_size(after))
            self.add(touch.table_name, None, pk, sk, writes=1,
                     write_units=write_units(size, touch.transactional))
            if table is not None and touch.before != after:
                self._count_index_writes(touch.table_name, table, touch.before, after)

    def _count_index_writes(self, table_name, table, before, after):
        """A changed item is written again on each global index that holds a copy of it (old or new)."""
        for index in table.global_indexes:
            old, new = _index_key(index, before), _index_key(index, after)
            if old is not None and old == new:
                size = max(_projected_size(table, index, before), _projected_size(table, index, after))
                self.add(table_name, index.name, old[0], old[1], writes=1, write_units=write_units(size))
                continue
            if old is not None:
                self.add(table_name, index.name, old[0], old[1], writes=1,
                         write_units=write_units(_projected_size(table, index, before)))
            if new is not None:
                self.add(table_name, index.name, new[0], new[1], writes=1,
                         write_units=write_units(_projected_size(table, index, after)))

    def count_answer(self, operation, request, body):
        """A Query or Scan: one read of the partition it names, billed by the size of what it returned."""
        try:
            answer = json.loads(body or b"{}")
        except ValueError:
            return
        if "Items" not in answer:
            return
        size = sum(item_size(item) for item in answer["Items"])
        pk = _query_partition(request) if operation == "Query" else None
        self.add(request.get("TableName"), request.get("IndexName"), pk, None, reads=1,
                 read_units=read_units(size, bool(request.get("ConsistentRead"))))

    def as_json(self):
        return {"items": [{"table": table, "index": index, "pk": pk, "sk": sk, "reads": r, "writes": w,
                           "readUnits": ru, "writeUnits": wu}
                          for (table, index, pk, sk), (r, w, ru, wu) in self.rows.items()]}


def roll_back_items_not_tables():
    transact = dynamodb_models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        saved = []
        for entry in transact_items:
            _, op = next(iter(entry.items()))
            table = self.tables.get(op.get("TableName"))
            key = op.get("Key") or op.get("Item") or {}
            if table is None or table.hash_key_attr not in key:
                continue
            hash_value = DynamoType(key[table.hash_key_attr])
            range_value = None
            if table.range_key_attr is not None:
                if table.range_key_attr not in key:
                    continue
                range_value = DynamoType(key[table.range_key_attr])
            saved.append((table, hash_value, range_value, copy.deepcopy(table.get_item(hash_value, range_value))))

        def deepcopy(value, memo=None):
            # moto's rollback copy of a whole table becomes the live table: the items saved above
            # are what a failed transaction puts back.
            return value if isinstance(value, Table) else copy.deepcopy(value, memo)

        # Only the DynamoDB backend's module sees the replacement, and only while the lock in
        # LocalStackApp keeps every other DynamoDB request out.
        dynamodb_models.copy = types.SimpleNamespace(deepcopy=deepcopy)
        try:
            return transact(self, transact_items)
        except Exception:
            for table, hash_value, range_value, original in reversed(saved):
                restore(table, hash_value, range_value, original)
            raise
        finally:
            dynamodb_models.copy = copy

    dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items


def restore(table, hash_value, range_value, original):
    if range_value is None:
        if original is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = original
    elif original is None:
        table.items.get(hash_value, {}).pop(range_value, None)
    else:
        table.items[hash_value][range_value] = original


# --- Step Functions: StartSyncExecution and startExecution.sync:2 (issue #11) -------------------------
START_SYNC_TARGET = "AWSStepFunctions.StartSyncExecution"
START_TARGET = "AWSStepFunctions.StartExecution"
# Step Functions' own limit for an Express execution.
EXPRESS_MAX_SECONDS = 300
EXECUTIONS_ENDED = threading.Condition()


def notify_when_executions_end():
    """Wakes the StartSyncExecution waiters whenever one of moto's executions terminates."""
    from moto.stepfunctions.parser.backend import execution as sfn_execution

    terminated = sfn_execution.BaseExecutionWorkerCommunication.terminated

    def terminated_and_notified(self):
        try:
            terminated(self)
        finally:
            with EXECUTIONS_ENDED:
                EXECUTIONS_ENDED.notify_all()

    sfn_execution.BaseExecutionWorkerCommunication.terminated = terminated_and_notified


def sfn_integration_in_api_spelling():
    """startExecution.sync:2: boto3 wants stateMachineArn/input/name, the ASL answer is ExecutionArn, Output, Status."""
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import state_task_service_sfn as sfn_task

    normalise_parameters = sfn_task.StateTaskServiceSfn._normalise_parameters

    def parameters(self, parameters, boto_service_name=None, service_action_name=None):
        normalise_parameters(self, parameters, boto_service_name, service_action_name)
        if service_action_name is None and self._get_boto_service_action() == "start_execution":
            for name in [key for key in parameters if key in ("StateMachineArn", "Input", "Name", "TraceHeader")]:
                parameters[name[0].lower() + name[1:]] = parameters.pop(name)

    def response(self, response, boto_service_name=None, service_action_name=None):
        if isinstance(response, dict):
            for name in [key for key in response if key[:1].islower()]:
                response[name[0].upper() + name[1:]] = response.pop(name)

    sfn_task.StateTaskServiceSfn._normalise_parameters = parameters
    sfn_task.StateTaskServiceSfn._normalise_response = response


def run_sync_execution(moto_app, environ):
    """Starts the execution on moto and waits for its end: (HTTP status, StartSyncExecution answer)."""
    from moto.stepfunctions.parser.models import stepfunctions_parser_backends

    environ["HTTP_X_AMZ_TARGET"] = START_TARGET
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split(" ", 1)[0])

    started = json.loads(b"".join(moto_app(environ, start_response)) or b"{}")
    if captured.get("status", 500) >= 400:
        return captured.get("status", 500), started
    arn = started["executionArn"]
    _, _, _, region, account, _, machine, _ = arn.split(":", 7)
    execution = stepfunctions_parser_backends[account][region].describe_execution(arn)
    with EXECUTIONS_ENDED:
        EXECUTIONS_ENDED.wait_for(lambda: execution.status != "RUNNING", timeout=EXPRESS_MAX_SECONDS)
    status = execution.status
    answer = {"executionArn": arn, "stateMachineArn": arn.rsplit(":", 1)[0].replace(":execution:", ":stateMachine:"),
              "name": execution.name, "startDate": execution.start_date.timestamp(),
              "status": "TIMED_OUT" if status in ("RUNNING", "TIMED_OUT") else
              ("SUCCEEDED" if status == "SUCCEEDED" else "FAILED"),
              "input": execution.execution_input}
    if status != "RUNNING":
        answer["stopDate"] = execution.stop_date.timestamp()
    if status == "SUCCEEDED":
        output = execution.output
        answer["output"] = output if isinstance(output, str) else json.dumps(output)
    if execution.error is not None:
        answer["error"] = execution.error
    if execution.cause is not None:
        answer["cause"] = execution.cause
    if status == "ABORTED":
        answer.setdefault("error", "States.Aborted")
    return 200, answer
# --- end of the Step Functions emulation ----------------------------------------------------------


def forget_dynamodb_instances():
    for model in model_data["dynamodb"].values():
        model.instances_tracked = []


class LocalStackApp:
    def __init__(self, moto_app, lambda_url):
        self.moto_app = moto_app
        self.lambda_url = lambda_url.rstrip("/") if lambda_url else None
        self.dynamo_lock = threading.Lock()
        self.faults = []
        self.faults_lock = threading.Lock()
        # Changed only under dynamo_lock; read and reset under it too.
        self.counts = {}
        self.keys = KeyCounts()
        self.requests = {}
        self.requests_lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == FAULTS_PATH:
            return self._set_faults(environ, start_response)
        if path == COUNTS_PATH:
            return self._counts(environ, start_response)
        if path == REQUEST_COUNTS_PATH:
            return self._request_counts(environ, start_response)
        if path == KEY_COUNTS_PATH:
            return self._key_counts(environ, start_response)
        kind = request_kind(environ)
        started = time.perf_counter()
        try:
            return self._serve(environ, start_response)
        finally:
            with self.requests_lock:
                count, seconds = self.requests.get(kind, (0, 0.0))
                self.requests[kind] = (count + 1, seconds + time.perf_counter() - started)

    def _serve(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if self.lambda_url and path.startswith(LAMBDA_INVOKE_PREFIX) and path.endswith("/invocations"):
            return self._forward_invoke(environ, start_response, path)
        fault = self._fault(environ.get("HTTP_X_AMZ_TARGET", ""))
        if fault is None and environ.get("HTTP_X_AMZ_TARGET") == START_SYNC_TARGET:
            status, answer = run_sync_execution(self.moto_app, environ)
            return self._answer(start_response, status, [("Content-Type", "application/x-amz-json-1.0")],
                                json.dumps(answer).encode())
        if fault is not None:
            if fault == "after" and environ.get("HTTP_X_AMZ_TARGET") == START_SYNC_TARGET:
                run_sync_execution(self.moto_app, environ)
            elif fault == "after":
                body = b"".join(self._moto(environ, lambda *args: None))
            return self._answer(start_response, 500, [("Content-Type", "application/x-amz-json-1.0")],
                                json.dumps({"__type": "InternalFailure", "message": "injected fault"}).encode())
        return self._moto(environ, start_response)

    def _moto(self, environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target.startswith("DynamoDB_"):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            payload = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(payload)
            operation = target.split(".", 1)[-1]
            try:
                request = json.loads(payload or b"{}")
                keys = counted_keys(operation, request)
            except (ValueError, AttributeError, StopIteration):
                request, keys = None, [(operation, None, None, None)]
            with self.dynamo_lock:
                for key in keys:
                    self.counts[key] = self.counts.get(key, 0) + 1
                try:
                    touches = touched_items(operation, request) if isinstance(request, dict) else []
                except (AttributeError, StopIteration, TypeError):
                    touches = []
                result = self.moto_app(environ, start_response)
                try:
                    # The body is produced lazily; it must be produced inside the lock.
                    body = b"".join(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()
                    forget_dynamodb_instances()
                self.keys.count_touched(touches)
                if operation in ("Query", "Scan") and isinstance(request, dict):
                    self.keys.count_answer(operation, request, body)
            return [body]
        return self.moto_app(environ, start_response)

    def _fault(self, target, hold_id=None):
        """Takes one use of the first fault set for target (and hold): its "when", or None."""
        with self.faults_lock:
            for fault in self.faults:
                if fault["target"] == target and fault["times"] > 0 \
                        and fault.get("holdId") in (None, hold_id):
                    fault["times"] -= 1
                    return fault["when"]
        return None

    def _set_faults(self, environ, start_response):
        with self.faults_lock:
            if environ["REQUEST_METHOD"] == "DELETE":
                self.faults = []
            else:
                length = int(environ.get("CONTENT_LENGTH") or 0)
                fault = json.loads(environ["wsgi.input"].read(length) or b"{}")
                if fault.get("when") not in ("before", "after") or not fault.get("target"):
                    return self._answer(start_response, 400, [], b"target and when (before|after) are required")
                self.faults.append({"target": fault["target"], "when": fault["when"],
                                    "times": int(fault.get("times", 1)), "holdId": fault.get("holdId")})
        return self._answer(start_response, 204, [], b"")

    def _counts(self, environ, start_response):
        with self.dynamo_lock:
            if environ["REQUEST_METHOD"] == "DELETE":
                self.counts = {}
                return self._answer(start_response, 204, [], b"")
            rows = [{"operation": op, "table": table, "index": index, "partition": partition, "count": count}
                    for (op, table, index, partition), count in self.counts.items()]
        return self._answer(start_response, 200, [("Content-Type", "application/json")], json.dumps(rows).encode())

    def _request_counts(self, environ, start_response):
        with self.requests_lock:
            if environ["REQUEST_METHOD"] == "DELETE":
                self.requests = {}
                return self._answer(start_response, 204, [], b"")
            rows = [{"kind": kind, "count": count, "seconds": round(seconds, 6)}
                    for kind, (count, seconds) in sorted(self.requests.items())]
        return self._answer(start_response, 200, [("Content-Type", "application/json")],
                            json.dumps({"requests": rows}).encode())

    def _key_counts(self, environ, start_response):
        with self.dynamo_lock:
            if environ["REQUEST_METHOD"] == "DELETE":
                self.keys = KeyCounts()
                return self._answer(start_response, 204, [], b"")
            body = json.dumps(self.keys.as_json()).encode()
        return self._answer(start_response, 200, [("Content-Type", "application/json")], body)

    @staticmethod
    def _answer(start_response, status, headers, body):
        start_response(f"{status} {'OK' if status < 400 else 'Error'}",
                       headers + [("Content-Length", str(len(body)))])
        return [body]

    def _forward_invoke(self, environ, start_response, path):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        payload = environ["wsgi.input"].read(length) if length else b""
        try:
            event = json.loads(payload or b"{}")
            step, hold_id = event.get("step", ""), event.get("holdId")
        except (ValueError, AttributeError):
            step, hold_id = "", None
        fault = self._fault("invoke:" + step, hold_id) if step else None
        if fault == "before":
            return self._crashed(start_response)
        # PATH_INFO is decoded: quote it again (a FunctionName may be an ARN), keep ?Qualifier=.
        url = self.lambda_url + urllib.parse.quote(path, safe="/:$")
        if environ.get("QUERY_STRING"):
            url += "?" + environ["QUERY_STRING"]
        request = urllib.request.Request(url, data=payload, method="POST")
        for header in ("CONTENT_TYPE", "HTTP_X_AMZ_INVOCATION_TYPE"):
            if environ.get(header):
                request.add_header(header.replace("HTTP_", "").replace("_", "-").title(), environ[header])
        try:
            with urllib.request.urlopen(request, timeout=900) as response:
                status, headers, body = response.status, response.getheaders(), response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers.items(), error.read()
        if fault == "after":
            return self._crashed(start_response)
        kept = [(k, v) for k, v in headers if k.lower() not in ("transfer-encoding", "connection", "content-length")]
        kept.append(("Content-Length", str(len(body))))
        start_response(f"{status} {'OK' if status < 400 else 'Error'}", kept)
        return [body]

    def _crashed(self, start_response):
        body = json.dumps({"errorMessage": "injected crash", "errorType": "kr.tickets.localstack.InjectedCrash",
                           "stackTrace": []}).encode()
        return self._answer(start_response, 200, [("Content-Type", "application/json"),
                                                  ("X-Amz-Function-Error", "Unhandled")], body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--lambda-url", default=os.environ.get("LOCAL_LAMBDA_URL"))
    args = parser.parse_args()
    # Step Functions integrations call back into this server at this port.
    os.environ["MOTO_PORT"] = str(args.port)
    roll_back_items_not_tables()
    notify_when_executions_end()
    sfn_integration_in_api_spelling()
    # One access-log line a request, written under the logging lock, cost about a fifth of the
    # server's time in a ticket-open rush; errors are still logged.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    moto_app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, LocalStackApp(moto_app, args.lambda_url), threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
