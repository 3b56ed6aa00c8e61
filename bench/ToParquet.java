import java.sql.DriverManager;

/**
 * Writes a CSV file as Parquet with DuckDB (its JDBC driver), a writer independent of mlship's reader, as
 * bench/parquet-ingest.sh needs. Usage: java -cp duckdb_jdbc.jar bench/ToParquet.java CSV PARQUET [CODEC]
 */
public class ToParquet {
    public static void main(String[] args) throws Exception {
        String codec = args.length > 2 ? args[2] : "snappy";
        try (var connection = DriverManager.getConnection("jdbc:duckdb:"); var statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + args[0].replace("'", "''") + "', header=true,"
                    + " auto_type_candidates=['BIGINT', 'DOUBLE', 'VARCHAR'])) TO '" + args[1].replace("'", "''")
                    + "' (FORMAT parquet, COMPRESSION " + codec + ")");
        }
    }
}
