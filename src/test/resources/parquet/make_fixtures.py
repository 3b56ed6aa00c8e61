#!/usr/bin/env python3
"""Writes the Parquet test fixtures of this folder with DuckDB, a writer independent of mlship's reader.

Run once from this folder (pip install duckdb); the files it writes are committed, so tests need no DuckDB.
The examples' CSVs are converted as they are (row order kept, the CSV's missing markers written as nulls),
so a run on the Parquet copy must give the metrics of the run on the CSV.
"""
import os
import shutil

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "..", "..", "examples")
con = duckdb.connect()
con.execute("SET threads TO 1")  # one writer thread: row order and row groups are the same on every run


def csv(example, name):
    path = os.path.join(EXAMPLES, example, "data", name)
    return (f"read_csv('{path}', header=true, nullstr=['', 'NA', 'NaN', 'null'],"
            " auto_type_candidates=['BIGINT', 'DOUBLE', 'VARCHAR'])")


def write(query, name, codec="snappy", extra=""):
    target = os.path.join(HERE, name)
    con.execute(f"COPY ({query}) TO '{target}' (FORMAT parquet, COMPRESSION {codec}{extra})")


# The three examples, each with another codec users meet.
write(f"SELECT * FROM {csv('credit-risk', 'credit.csv')}", "credit.parquet", "snappy", ", ROW_GROUP_SIZE 1000")
write(f"SELECT * FROM {csv('penguins', 'penguins.csv')}", "penguins.parquet", "zstd")
write(f"SELECT * FROM {csv('cpu-performance', 'cpu.csv')}", "cpu.parquet", "gzip")
write(f"SELECT * FROM {csv('cpu-performance', 'cpu.csv')}", "cpu-uncompressed.parquet", "uncompressed")

# credit.csv in three parts; names sort in row order.
parts = os.path.join(HERE, "credit-parts")
shutil.rmtree(parts, ignore_errors=True)
os.makedirs(parts)
con.execute(f"CREATE TABLE credit AS SELECT row_number() OVER () AS n, * FROM {csv('credit-risk', 'credit.csv')}")
for i, (lo, hi) in enumerate([(0, 1500), (1500, 3000), (3000, 10**9)]):
    write(f"SELECT * EXCLUDE (n) FROM credit WHERE n > {lo} AND n <= {hi} ORDER BY n", f"credit-parts/part-{i}.parquet")

# Types: every kind the reader maps, with nulls.
write("""
SELECT * FROM (VALUES
  (1::TINYINT, 10::SMALLINT, 100::INTEGER, 1000::BIGINT, 7::UTINYINT, 1.5::FLOAT, 2.25::DOUBLE,
   12.34::DECIMAL(6,2), 123456789.123::DECIMAL(18,3), 1.5::DECIMAL(30,10), 'red', 'a'::ENUM('a','b'), true),
  (NULL, -20, NULL, -2000, 255, NULL, -0.5, -0.01, NULL, -2.25, NULL, 'b', false),
  (3, 30, 300, NULL, 0, 3.25, NULL, NULL, 0.001, NULL, 'blue', NULL, NULL),
  (4, 40, 400, 4000, 1, -4.0, 4e10, 99.99, -1.5, 0.0000000001, 'red', 'a', true)
) t(i8, i16, i32, i64, u8, f32, f64, dec_small, dec_long, dec_wide, color, grade, flag)
""", "types.parquet")

# What the reader refuses.
write("SELECT 1.0 AS x, DATE '2024-01-02' AS signup", "date.parquet")
write("SELECT 1.0 AS x, TIMESTAMP '2024-01-02 03:04:05' AS seen", "timestamp.parquet")
write("SELECT 1.0 AS x, {'a': 1, 'b': 'z'} AS nested", "nested.parquet")
write("SELECT 1.0 AS x, [1, 2] AS list", "list.parquet")
mismatch = os.path.join(HERE, "mismatch")
shutil.rmtree(mismatch, ignore_errors=True)
os.makedirs(mismatch)
write("SELECT 1.0 AS x, 'a' AS y, 2 AS z", "mismatch/part-0.parquet")
write("SELECT 2.0 AS x, 3 AS z", "mismatch/part-1.parquet")
with open(os.path.join(HERE, "credit.parquet"), "rb") as f:
    whole = f.read()
with open(os.path.join(HERE, "truncated.parquet"), "wb") as f:
    f.write(whole[: len(whole) // 2])
with open(os.path.join(HERE, "not-parquet.parquet"), "w") as f:
    f.write("a,b\n1,2\n")
