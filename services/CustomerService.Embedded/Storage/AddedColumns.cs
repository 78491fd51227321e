using Microsoft.Data.Sqlite;

namespace CustomerService.Embedded.Storage;

/// <summary>
/// Columns added to a table after its first release. <c>CREATE TABLE IF NOT EXISTS</c> leaves the table of an older database
/// as it was, so each column here is added when the table lacks it; the schema file declares it too, for new databases.
/// Only nullable columns belong here: rows written before have no value for them.
/// </summary>
internal static class AddedColumns
{
    private static readonly (string Table, string Column, string Type)[] Columns =
    [
        ("messages", "handoff", "INTEGER"),
        ("messages", "citations", "TEXT"),
    ];

    public static void Apply(SqliteConnection connection)
    {
        foreach (var (table, column, type) in Columns)
        {
            using var exists = connection.Command("SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column", null,
                ("@table", table), ("@column", column));
            if ((long)exists.ExecuteScalar()! == 0)
            {
                // Names come from the list above, never from input: identifiers cannot be bound as parameters.
                using var add = connection.Command($"ALTER TABLE {table} ADD COLUMN {column} {type}");
                add.ExecuteNonQuery();
            }
        }
    }
}
