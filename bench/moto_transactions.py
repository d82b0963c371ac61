"""Times one two-table TransactWriteItems in moto (in process) with N items a table: moto's own
rollback copy of every table the transaction names, against local/moto_launcher.py's rollback of
the touched items only. Prints a Markdown table (docs/benchmarks.md).

Usage: .venv/bin/python bench/moto_transactions.py
"""
import importlib.util
import os
import time
import boto3
from moto import mock_aws
SPEC = importlib.util.spec_from_file_location("launcher", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "local", "moto_launcher.py"))
launcher = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(launcher)

def run(n, patched):
    with mock_aws():
        if patched:
            import moto.dynamodb.models as m
            original = m.DynamoDBBackend.transact_write_items
            launcher.roll_back_items_not_tables()
        db = boto3.client("dynamodb", region_name="us-east-1")
        for t in ("A", "B"):
            db.create_table(TableName=t, BillingMode="PAY_PER_REQUEST",
                            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
                            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
            for i in range(n):
                db.put_item(TableName=t, Item={"pk": {"S": f"P{i % 50}"}, "sk": {"S": f"S{i}"}, "data": {"S": "x" * 400}})
        runs = 20
        start = time.perf_counter()
        for i in range(runs):
            db.transact_write_items(TransactItems=[
                {"Put": {"TableName": "A", "Item": {"pk": {"S": "T"}, "sk": {"S": f"t{i}"}}}},
                {"Update": {"TableName": "B", "Key": {"pk": {"S": "P1"}, "sk": {"S": "S1"}}, "UpdateExpression": "SET c = :c", "ExpressionAttributeValues": {":c": {"N": str(i)}}}}])
        took = (time.perf_counter() - start) / runs * 1000
        if patched:
            m.DynamoDBBackend.transact_write_items = original
        return took

print("| items per table | moto's table copy, ms | item rollback, ms |")
print("|---:|---:|---:|")
for n in (100, 1000, 4000):
    print(f"| {n} | {run(n, False):.1f} | {run(n, True):.1f} |")
