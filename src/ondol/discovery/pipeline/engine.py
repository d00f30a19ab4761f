"""Two engines behind one small interface: DuckDB in-process (default) and Apache Spark.

Every pipeline step is SQL text in DuckDB's dialect over named tables, so the same step runs on
a hand-made table in a test and on 24 million rows in a benchmark. The Spark engine transpiles
that text with sqlglot (the translator Splink itself uses) and runs it with Spark SQL; the only
engine-specific code is here: reading files, materialising, writing and calling Python on
batches of rows (for name keys).
"""

# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

BatchFunction = Callable[[Iterable[pa.RecordBatch]], Iterable[pa.RecordBatch]]


def sql_string(value: str) -> str:
    """A SQL string literal (both dialects double the single quote)."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    """A quoted identifier, safe for any column name a feed's header may contain."""
    return '"' + str(name).replace('"', '""') + '"'


class Engine(ABC):
    """Named tables and views plus the few operations the pipeline needs."""

    name: str
    # True when reading a Parquet file again costs less than keeping a copy of it (DuckDB); Spark
    # keeps copies, because each view over a file would grow the query plans of later steps.
    rescans_files_cheaply: bool = False

    @abstractmethod
    def view(self, name: str, query: str) -> str:
        """Define `name` as a lazy view of `query`; returns the name."""

    @abstractmethod
    def table(self, name: str, query: str) -> str:
        """Compute `query` once and keep the result as `name` (later steps read it many times)."""

    @abstractmethod
    def read_file(self, name: str, path: Path, *, as_text: bool) -> list[str]:
        """Expose a CSV or Parquet file as view `name`.

        CSV columns are always text (type sniffing would fail a whole file over one bad value);
        Parquet columns keep their types unless `as_text`.
        """

    @abstractmethod
    def columns(self, name: str) -> list[str]: ...

    @abstractmethod
    def column_types(self, name: str) -> dict[str, str]:
        """Each column's type as text, date, integer, boolean or other."""

    @abstractmethod
    def fetch(self, query: str) -> pa.Table:
        """Run `query` and bring the (small) result into Python as Arrow."""

    @abstractmethod
    def from_arrow(self, name: str, data: pa.Table) -> str: ...

    @abstractmethod
    def write_parquet(self, query: str, path: Path) -> None: ...

    @abstractmethod
    def write_csv(self, query: str, path: Path) -> None:
        """Write a (small) result as one UTF-8 CSV file with a header row."""

    @abstractmethod
    def map_batches(self, name: str, query: str, function: BatchFunction, schema: pa.Schema) -> str:
        """Run a Python function over Arrow batches of `query` and keep its output as table `name`."""

    @abstractmethod
    def splink_api(self) -> Any: ...

    @abstractmethod
    def drop(self, name: str) -> None: ...

    def close(self) -> None:  # noqa: B027 - optional hook
        pass

    def scalar(self, query: str) -> Any:
        result = self.fetch(query)
        return result.column(0)[0].as_py() if result.num_rows else None

    def temp_name(self, stem: str) -> str:
        return f"{stem}_{uuid.uuid4().hex[:8]}"

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DuckDBEngine(Engine):
    """DuckDB in-process; with a work directory, data that does not fit in memory spills there."""

    name = "duckdb"
    rescans_files_cheaply = True

    def __init__(self, *, workdir: Path | None = None, memory_limit: str | None = None,
                 threads: int | None = None, on_disk: bool = False) -> None:
        self.workdir = workdir
        if workdir is not None and on_disk:
            # National feeds: tables in a database file, so the buffer manager can page them out.
            workdir.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(workdir / "work.duckdb"))
        else:
            self.con = duckdb.connect()
        if workdir is not None:
            workdir.mkdir(parents=True, exist_ok=True)
            self.con.execute(f"SET temp_directory = {sql_string(str(workdir / 'spill'))}")
        self.con.execute("SET preserve_insertion_order = false")
        if memory_limit:
            self.con.execute(f"SET memory_limit = {sql_string(memory_limit)}")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")

    def view(self, name: str, query: str) -> str:
        self.con.execute(f"CREATE OR REPLACE VIEW {name} AS {query}")
        return name

    def table(self, name: str, query: str) -> str:
        self.drop(name)
        self.con.execute(f"CREATE TABLE {name} AS {query}")
        return name

    def read_file(self, name: str, path: Path, *, as_text: bool) -> list[str]:
        location = sql_string(str(path))
        if path.suffix == ".csv":
            source = f"read_csv({location}, header = true, all_varchar = true, auto_detect = true)"
        else:
            source = f"read_parquet({location})"
        columns = [row[0] for row in self.con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
        if as_text:
            select = ", ".join(f"CAST({sql_identifier(col)} AS VARCHAR) AS {sql_identifier(col)}" for col in columns)
            self.view(name, f"SELECT {select} FROM {source}")
        else:
            self.view(name, f"SELECT * FROM {source}")
        return columns

    def columns(self, name: str) -> list[str]:
        return [row[0] for row in self.con.execute(f"DESCRIBE SELECT * FROM {name}").fetchall()]

    def column_types(self, name: str) -> dict[str, str]:
        kinds = {"VARCHAR": "text", "DATE": "date", "BOOLEAN": "boolean", "INTEGER": "integer", "BIGINT": "integer",
                 "SMALLINT": "integer", "TINYINT": "integer", "UINTEGER": "integer", "HUGEINT": "integer"}
        return {row[0]: kinds.get(str(row[1]).upper(), "other")
                for row in self.con.execute(f"DESCRIBE SELECT * FROM {name}").fetchall()}

    def fetch(self, query: str) -> pa.Table:
        return self.con.sql(query).to_arrow_table()

    def from_arrow(self, name: str, data: pa.Table) -> str:
        self.drop(name)
        self.con.register(f"{name}_arrow", data)
        self.con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_arrow")
        self.con.unregister(f"{name}_arrow")
        return name

    def write_parquet(self, query: str, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con.execute(f"COPY ({query}) TO {sql_string(str(path))} (FORMAT parquet, COMPRESSION zstd)")

    def write_csv(self, query: str, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con.execute(f"COPY ({query}) TO {sql_string(str(path))} (FORMAT csv, HEADER)")

    def map_batches(self, name: str, query: str, function: BatchFunction, schema: pa.Schema) -> str:
        self.drop(name)
        # A second cursor streams the input while the main connection writes the output table.
        reader = self.con.cursor().sql(query).to_arrow_reader(100_000)
        out = pa.RecordBatchReader.from_batches(schema, iter(function(reader)))
        self.con.register(f"{name}_reader", out)
        self.con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_reader")
        self.con.unregister(f"{name}_reader")
        return name

    def splink_api(self) -> Any:
        from splink import DuckDBAPI

        return DuckDBAPI(connection=self.con)

    def drop(self, name: str) -> None:
        kinds = dict(self.con.execute(
            "SELECT table_name, table_type FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchall())
        if kinds.get(name) == "VIEW":
            self.con.execute(f"DROP VIEW {name}")
        elif name in kinds:
            self.con.execute(f"DROP TABLE {name}")

    def close(self) -> None:
        self.con.close()


@lru_cache(maxsize=512)
def to_spark_sql(query: str) -> str:
    import sqlglot

    logging.getLogger("sqlglot").setLevel(logging.WARNING)  # it notes every 1- to 0-based index it shifts
    return sqlglot.transpile(query, read="duckdb", write="spark")[0]


class SparkEngine(Engine):
    """PySpark in local mode by default; `master` or SPARK_REMOTE points it at a cluster."""

    name = "spark"

    def __init__(self, *, master: str | None = None, shuffle_partitions: int | None = None,
                 driver_memory: str | None = None, workdir: Path | None = None) -> None:
        from pyspark.sql import SparkSession
        from splink.internals.spark.jar_location import similarity_jar_location

        # Python workers (name keys) must run in this interpreter, where ondol and pyarrow live.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = SparkSession.builder.appName("ondol-discovery")
        if not os.environ.get("SPARK_REMOTE"):
            builder = builder.master(master or os.environ.get("ONDOL_SPARK_MASTER", "local[2]"))
            # Splink's string-similarity functions (Jaro-Winkler, Damerau-Levenshtein) ship as a jar.
            builder = builder.config("spark.jars", similarity_jar_location())
            builder = builder.config("spark.driver.memory", driver_memory or "2g")
        partitions = shuffle_partitions or int(os.environ.get("ONDOL_SPARK_SHUFFLE_PARTITIONS", "8"))
        builder = (builder.config("spark.sql.shuffle.partitions", str(partitions))
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.default.parallelism", str(partitions))
                   .config("spark.sql.session.timeZone", "UTC")
                   .config("spark.sql.execution.arrow.pyspark.enabled", "true"))
        self.spark = builder.getOrCreate()
        self.spark.sparkContext.setLogLevel("ERROR")
        self._own_workdir = workdir is None
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="ondol-spark-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.spark.sparkContext.setCheckpointDir(str(self.workdir / "checkpoints"))

    def _df(self, query: str) -> Any:
        return self.spark.sql(to_spark_sql(query))

    def view(self, name: str, query: str) -> str:
        self._df(query).createOrReplaceTempView(name)
        return name

    def table(self, name: str, query: str) -> str:
        # A local checkpoint computes the table once and cuts its lineage: without it the query plans
        # of later steps (and Splink's) grow with every step before them, until the driver runs out.
        self._df(query).localCheckpoint(eager=True).createOrReplaceTempView(name)
        return name

    def read_file(self, name: str, path: Path, *, as_text: bool) -> list[str]:
        from pyspark.sql import functions as F

        if path.suffix == ".csv":
            reader = self.spark.read.option("header", True).option("encoding", "UTF-8")
            df = reader.option("multiLine", True).option("escape", '"').csv(str(path))
        else:
            df = self.spark.read.parquet(str(path))
        columns = list(df.columns)
        if as_text:
            df = df.select([F.col("`" + col.replace("`", "``") + "`").cast("string").alias(col) for col in columns])
        df.createOrReplaceTempView(name)
        return columns

    def columns(self, name: str) -> list[str]:
        return list(self.spark.table(name).columns)

    def column_types(self, name: str) -> dict[str, str]:
        kinds = {"string": "text", "date": "date", "boolean": "boolean", "int": "integer", "bigint": "integer",
                 "smallint": "integer", "tinyint": "integer"}
        return {column: kinds.get(dtype, "other") for column, dtype in self.spark.table(name).dtypes}

    def fetch(self, query: str) -> pa.Table:
        return self._df(query).toArrow()

    def from_arrow(self, name: str, data: pa.Table) -> str:
        self.spark.createDataFrame(data).createOrReplaceTempView(name)
        return name

    def write_parquet(self, query: str, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = self.workdir / f"write_{uuid.uuid4().hex[:8]}"
        self._df(query).coalesce(1).write.mode("overwrite").parquet(str(staging))
        parts = sorted(staging.glob("part-*.parquet"))
        if len(parts) == 1:
            shutil.move(str(parts[0]), str(path))
        else:  # an empty result leaves no part file
            pq.write_table(pq.read_table(staging) if parts else self.fetch(query), path)
        shutil.rmtree(staging, ignore_errors=True)

    def write_csv(self, query: str, path: Path) -> None:
        import pyarrow.csv as pacsv

        path.parent.mkdir(parents=True, exist_ok=True)
        pacsv.write_csv(self.fetch(query), path)

    def map_batches(self, name: str, query: str, function: BatchFunction, schema: pa.Schema) -> str:
        from pyspark.sql.pandas.types import from_arrow_schema

        source = self._df(query)
        columns = list(source.columns)
        out_columns = schema.names

        # Partitions travel as plain rows (mapInArrow would pull in pandas); each becomes one
        # Arrow batch for `function`, and its output goes back as rows.
        def run(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
            data = [tuple(row) for row in rows]
            if not data:
                return
            batch = pa.RecordBatch.from_arrays(
                [pa.array([r[i] for r in data]) for i in range(len(columns))], names=columns)
            for out in function([batch]):
                yield from zip(*(out.column(c).to_pylist() for c in out_columns), strict=True)

        df = self.spark.createDataFrame(source.rdd.mapPartitions(run), from_arrow_schema(schema))
        df.localCheckpoint(eager=True).createOrReplaceTempView(name)
        return name

    def splink_api(self) -> Any:
        from splink import SparkAPI

        # Splink cuts long query plans; keeping those results in memory suits local and small runs.
        return SparkAPI(spark_session=self.spark, num_partitions_on_repartition=4, break_lineage_method="persist")

    def drop(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)

    def close(self) -> None:
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def make_engine(name: str, *, workdir: Path | None = None, **options: Any) -> Engine:
    if name == "duckdb":
        return DuckDBEngine(workdir=workdir, **options)
    if name == "spark":
        return SparkEngine(workdir=workdir, **options)
    raise ValueError(f"Unknown engine {name!r}; use duckdb or spark.")
