"""Run claimtrail's export SQL on DuckDB or Spark over exported Parquet folders.

Usage: run_sql.py duckdb|spark SQL_DIR EXPORT_DIR...

Each query file in SQL_DIR (*.sql) is run unchanged over the six tables of
each EXPORT_DIR; the result is printed as one JSON object:
{EXPORT_DIR: {QUERY: [row, ...]}}, dates as ISO strings. Spark starts once
for all the folders.
"""

import datetime
import decimal
import json
import os
import sys

TABLES = ["articles", "sources", "claims", "routes", "outlets", "drift"]


def plain(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def queries(sql_dir):
    out = []
    for name in sorted(os.listdir(sql_dir)):
        if name.endswith(".sql"):
            with open(os.path.join(sql_dir, name), encoding="utf-8") as f:
                out.append((name[: -len(".sql")], f.read()))
    return out


def run_duckdb(sql_dir, dirs):
    import duckdb

    result = {}
    for d in dirs:
        con = duckdb.connect()
        for t in TABLES:
            path = os.path.join(d, t + ".parquet").replace("'", "''")
            con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{path}')")
        result[d] = {}
        for name, sql in queries(sql_dir):
            cur = con.execute(sql)
            cols = [c[0] for c in cur.description]
            result[d][name] = [
                {c: plain(v) for c, v in zip(cols, row)} for row in cur.fetchall()
            ]
        con.close()
    return result


def run_spark(sql_dir, dirs):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("claimtrail-sql")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    result = {}
    try:
        for d in dirs:
            for t in TABLES:
                spark.read.parquet(os.path.join(d, t + ".parquet")).createOrReplaceTempView(t)
            result[d] = {}
            for name, sql in queries(sql_dir):
                df = spark.sql(sql)
                result[d][name] = [
                    {c: plain(v) for c, v in row.asDict().items()} for row in df.collect()
                ]
    finally:
        spark.stop()
    return result


def main():
    engine, sql_dir, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    run = {"duckdb": run_duckdb, "spark": run_spark}[engine]
    json.dump(run(sql_dir, dirs), sys.stdout)


if __name__ == "__main__":
    main()
